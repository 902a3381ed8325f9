import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuthMetrics } from './auth-metrics';

type TimedRequest = IncomingMessage & { originalUrl?: string };

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
    // Only the module's own routes reach here, so the path is a bounded label.
    const route = (req.originalUrl ?? req.url ?? '').split('?')[0];
    res.once('finish', () =>
      endTimer({ route, method: req.method ?? 'GET', status: String(res.statusCode) }),
    );
    next();
  }
}
