import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

// Query values may carry secrets a client put in the URL by mistake; never log them.
const withoutQueryValues = (url: string | undefined): string | undefined =>
  url?.replace(/([?&][^=&]*)=[^&]*/g, '$1=[redacted]');

// pino-http logs each finished request at `info`; above that level it would only log 5xx answers,
// which the exception filter already logs with their cause.
const REQUEST_LOG_LEVELS = new Set(['trace', 'debug', 'info']);

const isMadeUp = (error: Error): boolean => error.message === 'failed with status code 503';

/**
 * pino through nestjs-pino: JSON lines, level from LOG_LEVEL, and no credential ever written —
 * Authorization and Cookie headers are redacted, query values masked, bodies never logged.
 * At `LOG_LEVEL=warn` and above the per-request middleware is not mounted at all: it would log
 * nothing the filter does not, and costs about a quarter of a cheap route's time.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    ...(!REQUEST_LOG_LEVELS.has(config.logLevel) && { forRoutes: [] }),
    pinoHttp: {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: unknown; method: string; url?: string; headers: unknown }) => ({
          id: req.id,
          method: req.method,
          url: withoutQueryValues(req.url),
          headers: req.headers,
        }),
      },
      customLogLevel: (_req, res, error) => {
        if (error) return 'error';
        // A 503 is a refusal the app chose (store outage, draining): `storeOutages` logs the
        // outage once, so each one is a debug line here, not an error with a stack.
        if (res.statusCode === 503) return 'debug';
        return res.statusCode >= 500 ? 'error' : 'info';
      },
      // pino-http makes up an Error (with a stack) for every 5xx it has none for; not for a 503.
      customErrorObject: (_req, res, error, value: Record<string, unknown>) =>
        res.statusCode === 503 && !(res as { err?: unknown }).err && isMadeUp(error)
          ? { ...value, err: undefined }
          : value,
    },
  };
}
