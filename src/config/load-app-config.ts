import { z } from 'zod';
import { AUTH_ENVIRONMENTS, type ConfigProblem } from '@lexigram/nest-auth';
import { ACCESS_LOG_MODES, AppConfig, type DatabaseConfig, HTTP_ADAPTERS } from './app-config';
import { deployedDatabaseProblems } from './database-environment-checks';

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const appSchema = z.object({
  LEX_ENV: z.enum(AUTH_ENVIRONMENTS).default('development'),
  PORT: port(3000),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? v.toLowerCase() : v),
    z.enum(LOG_LEVELS).default('info'),
  ),
  ACCESS_LOG: z.enum(ACCESS_LOG_MODES).default('errors'),
  DB_TYPE: z.enum(['sqlite', 'postgres']).default('sqlite'),
  DB_PATH: z.string().min(1).default('data/app.sqlite'),
  DB_HOST: z.string().min(1).default('127.0.0.1'),
  DB_PORT: port(5432),
  DB_USER: z.string().min(1).default('postgres'),
  DB_PASS: z.string().default(''),
  DB_NAME: z.string().min(1).default('lexigram'),
  DB_SYNCHRONIZE: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z.string().optional(),
  HTTP_ADAPTER: z.enum(HTTP_ADAPTERS).default('fastify'),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(1).max(3600).default(10),
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(300).default(0),
});

/** Express `trust proxy` values: true/false, a hop count, or names/CIDRs (`loopback, 10.0.0.0/8`). */
function trustProxyOf(value: string | undefined): boolean | number | string | null {
  if (value === undefined || value === 'false') return null;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The delay is spent inside the grace period, so it must leave time for in-flight requests. */
function shutdownProblems(graceSeconds: number, delaySeconds: number): ConfigProblem[] {
  if (delaySeconds < graceSeconds) return [];
  return [
    {
      variable: 'SHUTDOWN_DELAY_SECONDS',
      message:
        `must be below SHUTDOWN_GRACE_SECONDS (${graceSeconds}): the delay is part of the grace ` +
        'period, and requests in flight need the rest.',
    },
  ];
}

/** Empty variables count as unset, so `DB_HOST=` in a .env file falls back instead of failing. */
const present = (env: Env): Env =>
  Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );

/**
 * Reads and validates the host's settings. Returns every problem at once; staging and production
 * add the database refusals (no SQLite, every DB_* variable set, no synchronize).
 */
export function loadAppConfig(rawEnv: Env): { config?: AppConfig; problems: ConfigProblem[] } {
  const env = present(rawEnv);
  const parsed = appSchema.safeParse({ ...env, LEX_ENV: env.LEX_ENV ?? env.NODE_ENV });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] === 'LEX_ENV' && !env.LEX_ENV ? 'NODE_ENV' : issue.path[0]),
      message: `${issue.message}.`,
    }));
    return { problems };
  }
  const v = parsed.data;
  const synchronize = v.DB_SYNCHRONIZE === 'true';
  const database: DatabaseConfig =
    v.DB_TYPE === 'sqlite'
      ? { type: 'sqlite', path: v.DB_PATH, synchronize }
      : {
          type: 'postgres',
          host: v.DB_HOST,
          port: v.DB_PORT,
          username: v.DB_USER,
          password: v.DB_PASS,
          database: v.DB_NAME,
          synchronize,
        };
  const problems = [
    ...deployedDatabaseProblems(v.LEX_ENV, rawEnv, database),
    ...shutdownProblems(v.SHUTDOWN_GRACE_SECONDS, v.SHUTDOWN_DELAY_SECONDS),
  ];
  const config = new AppConfig(
    v.LEX_ENV,
    v.PORT,
    v.LOG_LEVEL,
    database,
    trustProxyOf(v.TRUST_PROXY),
    v.HTTP_ADAPTER,
    { graceSeconds: v.SHUTDOWN_GRACE_SECONDS, delaySeconds: v.SHUTDOWN_DELAY_SECONDS },
    v.ACCESS_LOG,
  );
  return { config, problems };
}
