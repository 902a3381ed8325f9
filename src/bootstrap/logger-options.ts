import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * pino through nestjs-pino: JSON lines, level from LOG_LEVEL, and no credential ever written —
 * Authorization and Cookie headers are redacted wherever a log call would carry them. The
 * per-request line is not pino-http's middleware (`forRoutes: []` mounts none) but
 * `enableAccessLog`, which logs no headers and costs a few percent of a cheap route.
 *
 * Lines go to stdout asynchronously: while one write is on its way, the next lines gather and
 * leave in the same write, instead of one blocking write per line on the request path (about a
 * tenth of a cheap route's time under load, bench/README.md). A quiet app still writes each line
 * at once, and pino writes what is pending synchronously when the process exits.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    forRoutes: [],
    pinoHttp: [
      {
        level: config.logLevel,
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          censor: '[redacted]',
        },
      },
      destination({ dest: 1, sync: false }),
    ],
  };
}
