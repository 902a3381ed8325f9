import type { AuthEnvironment } from '@lexigram/nest-auth';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string; synchronize: boolean }
  | {
      type: 'postgres';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
      synchronize: boolean;
    };

/** How the host drains on SIGTERM/SIGINT (`SHUTDOWN_GRACE_SECONDS`, `SHUTDOWN_DELAY_SECONDS`). */
export interface ShutdownConfig {
  graceSeconds: number;
  delaySeconds: number;
}

export const HTTP_ADAPTERS = ['express', 'fastify'] as const;

/**
 * Which answered requests write an access line (`ACCESS_LOG`): `errors` (4xx, 5xx and aborted
 * requests), `all`, or `off`.
 */
export const ACCESS_LOG_MODES = ['errors', 'all', 'off'] as const;
export type AccessLogMode = (typeof ACCESS_LOG_MODES)[number];
export type HttpAdapterName = (typeof HTTP_ADAPTERS)[number];

/** The host's own settings (everything that is not `LEX_AUTH__*`), read from the environment. */
export class AppConfig {
  constructor(
    readonly environment: AuthEnvironment,
    readonly port: number,
    readonly logLevel: string,
    readonly database: DatabaseConfig,
    /** Express `trust proxy`: which proxies' X-Forwarded-For to believe (`null`: none). */
    readonly trustProxy: boolean | number | string | null = null,
    /** The HTTP platform Nest runs on (`HTTP_ADAPTER`): Fastify unless `express` is asked for. */
    readonly httpAdapter: HttpAdapterName = 'fastify',
    /** Graceful shutdown timing: delay before the listener closes, grace before a force-close. */
    readonly shutdown: ShutdownConfig = { graceSeconds: 10, delaySeconds: 0 },
    /** Which answered requests write an access line (`ACCESS_LOG`). */
    readonly accessLog: AccessLogMode = 'errors',
  ) {}

  /** Development and test run pending migrations at boot; deployed environments never do. */
  get runsMigrationsAtBoot(): boolean {
    return this.environment === 'development' || this.environment === 'test';
  }
}
