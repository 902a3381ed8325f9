import type { Level, Logger } from 'pino';
import type { AccessLogMode } from '../../config/app-config';

// Query values may carry secrets a client put in the URL by mistake; never log them.
export const withoutQueryValues = (url: string): string =>
  url.includes('?') ? url.replace(/([?&][^=&]*)=[^&]*/g, '$1=[redacted]') : url;

/**
 * A 503 is a refusal the app chose (a store outage, draining): `StoreOutages` logs the outage
 * once, so each refused request is a debug line, not an error. Other 5xx answers are errors (the
 * exception filter logs their cause with its stack); everything else is info.
 */
export const accessLogLevel = (statusCode: number, aborted: boolean): Level =>
  statusCode === 503 ? 'debug' : statusCode >= 500 || aborted ? 'error' : 'info';

/**
 * Whether `mode` (`ACCESS_LOG`) logs an answer: `errors` keeps 4xx, 5xx and aborted requests, the
 * ones someone investigates, and skips the successful bulk of the traffic (a line per request
 * costs about a tenth of a cheap route's throughput, bench/README.md).
 */
export const logsAnswer = (mode: AccessLogMode, statusCode: number, aborted: boolean): boolean =>
  mode === 'all' || (mode === 'errors' && (statusCode >= 400 || aborted));

/** What one answered request logs: no headers, no body, the query's values masked. */
export interface AccessLogEntry {
  id: string;
  method: string;
  url: string;
  statusCode: number;
  responseTimeMs: number;
  aborted: boolean;
}

/**
 * Writes one line for an answered request through `logger` (a pino child bound once at boot, so a
 * request allocates only its own fields). Skipped before it is built when the level is off.
 */
export function writeAccessLine(logger: Logger, entry: AccessLogEntry): void {
  const level = accessLogLevel(entry.statusCode, entry.aborted);
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    // Flat fields: pino-http's `req`/`res` serializers on this logger expect live objects.
    {
      reqId: entry.id,
      method: entry.method,
      url: withoutQueryValues(entry.url),
      statusCode: entry.statusCode,
      responseTime: Math.round(entry.responseTimeMs * 1000) / 1000,
    },
    entry.aborted ? 'request aborted' : 'request completed',
  );
}
