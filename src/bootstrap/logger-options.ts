import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

// Query values may carry secrets a client put in the URL by mistake; never log them.
const withoutQueryValues = (url: string | undefined): string | undefined =>
  url?.replace(/([?&][^=&]*)=[^&]*/g, '$1=[redacted]');

/**
 * pino through nestjs-pino: JSON lines, level from LOG_LEVEL, and no credential ever written —
 * Authorization and Cookie headers are redacted, query values masked, bodies never logged.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
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
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    },
  };
}
