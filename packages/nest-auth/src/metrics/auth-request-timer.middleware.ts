import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthMetrics } from './auth-metrics';

type TimedRequest = IncomingMessage & { originalUrl?: string };

// The routes with a path parameter: the id becomes `:id`, so a label never holds a caller's
// value (a flood of DELETE /auth/sessions/<random> must not grow the metric without bound).
const PARAMETER_ROUTES = /\/(sessions|api-keys)\/[^/]+$/;

/** The metric's route label: the path without its query, ids replaced by `:id`. */
export function routeLabelOf(url: string): string {
  return url.split('?')[0].replace(PARAMETER_ROUTES, '/$1/:id');
}

/**
 * Times the auth routes into `auth_http_request_duration_seconds`. A middleware rather than an
 * interceptor: interceptors run after guards, and on /auth/login the guards do the expensive part
 * (rate limit, lockout, password hashing) and answer 401/423/429 themselves.
 */
@Injectable()
export class AuthRequestTimerMiddleware implements NestMiddleware {
  constructor(private readonly metrics: AuthMetrics) {}

  use(req: TimedRequest, res: ServerResponse, next: () => void): void {
    const endTimer = this.metrics.requestDuration.startTimer();
    // Only the module's own routes reach here, so with ids replaced the label is bounded.
    const route = routeLabelOf(req.originalUrl ?? req.url ?? '');
    res.once('finish', () =>
      endTimer({ route, method: req.method ?? 'GET', status: String(res.statusCode) }),
    );
    next();
  }
}
