import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * pino through nestjs-pino: JSON lines, level from LOG_LEVEL, and no credential ever written —
 * Authorization and Cookie headers are redacted wherever a log call would carry them. The
 * per-request line is not pino-http's middleware (`forRoutes: []` mounts none) but
 * `enableAccessLog`, which logs no headers and costs a few percent of a cheap route.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [],
    pinoHttp: {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
  };
}
