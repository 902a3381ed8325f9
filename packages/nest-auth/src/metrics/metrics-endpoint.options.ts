/** Where and how `AuthMetricsEndpointModule` serves the Prometheus text. */
export interface MetricsEndpointOptions {
  /**
   * The path Prometheus scrapes (GET only).
   * @default '/metrics'
   */
  path?: string;
  /**
   * When set, a scrape must send `Authorization: Bearer <token>` (else 401); otherwise the
   * endpoint is open: keep it on an internal network then.
   * @default null
   */
  token?: string | null;
  /**
   * Serve the Node.js process metrics (prom-client's default ones) beside the module's.
   * @default true
   */
  processMetrics?: boolean;
}

export const METRICS_ENDPOINT_OPTIONS = Symbol('METRICS_ENDPOINT_OPTIONS');
