import { z } from 'zod';

/** Where and how `/metrics` is served (the package's `MetricsEndpointOptions`, from the env). */
export interface MetricsOptions {
  /**
   * The path Prometheus scrapes (`METRICS_PATH`).
   * @default '/metrics'
   */
  path: string;
  /**
   * When set (`METRICS_TOKEN`), a scrape must send `Authorization: Bearer <token>`; otherwise
   * the endpoint is open (keep it on an internal network then).
   * @default null
   */
  token: string | null;
}

const schema = z.object({
  METRICS_PATH: z
    .string()
    .regex(/^\/[A-Za-z0-9._~/-]*$/, 'must be a path starting with / (e.g. /internal/metrics)')
    .default('/metrics'),
  // Short tokens are guessable; a scrape token is a machine secret, so length costs nothing.
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (openssl rand -hex 16)')
    .optional(),
});

/**
 * Reads `METRICS_PATH` and `METRICS_TOKEN`; empty values count as unset.
 * @throws Error naming the variable when a value is invalid
 */
export function loadMetricsOptions(env: Record<string, string | undefined>): MetricsOptions {
  const parsed = schema.safeParse({
    METRICS_PATH: env.METRICS_PATH || undefined,
    METRICS_TOKEN: env.METRICS_TOKEN || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${String(issue.path[0])} ${issue.message}.`);
  }
  return { path: parsed.data.METRICS_PATH, token: parsed.data.METRICS_TOKEN ?? null };
}
