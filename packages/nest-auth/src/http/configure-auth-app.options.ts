import type { GracefulShutdownOptions } from '../shutdown/graceful-shutdown';
import type { RouteEntry } from './route-table';

/** How `configureAuthApp` sets up a host's HTTP app. */
export interface ConfigureAuthAppOptions {
  /**
   * Request bodies larger than this are refused with 413 before they are parsed.
   * @default 16384 (16 KiB)
   */
  bodyLimitBytes?: number;
  /**
   * Express's `trust proxy` (a hop count, `true`, or a list of addresses), so that `req.ip`, the
   * rate limits' key, is the client behind a load balancer. `null` leaves it unset. Fastify reads
   * it only when it is created: pass it to `new FastifyAdapter({ trustProxy })` instead.
   * @default null
   */
  trustProxy?: boolean | number | string | null;
  /**
   * 405 `MethodNotAllowedError` with `Allow` for a known path asked with another method (else
   * Nest answers 404). Turn it off when the app uses a global prefix, versioning or RouterModule
   * paths, which the route table does not apply.
   * @default true
   */
  refuseUnknownMethods?: boolean;
  /** Paths served outside controllers (e.g. a metrics middleware), for the 405 check. @default [] */
  extraRoutes?: RouteEntry[];
  /**
   * Graceful shutdown on SIGTERM/SIGINT (`enableGracefulShutdown`); it needs
   * `GracefulShutdownModule` imported. `false` leaves signals to the host.
   * @default {}
   */
  gracefulShutdown?: GracefulShutdownOptions | false;
}
