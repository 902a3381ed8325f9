import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { AuthMetrics } from './auth-metrics';
import { bearerTokenMatches } from './bearer-token-matches';
import { METRICS_ENDPOINT_OPTIONS, type MetricsEndpointOptions } from './metrics-endpoint.options';

/**
 * Serves Prometheus text (the process's default metrics and the module's) at the configured
 * path. A middleware, not a controller, because a controller's path is fixed when the class is
 * declared and the host picks the path at boot; it also answers before the global auth guard,
 * which a scraper's static token must not go through.
 */
@Injectable()
export class MetricsEndpointMiddleware implements NestMiddleware {
  private readonly registry: Registry;

  constructor(
    authMetrics: AuthMetrics,
    @Inject(METRICS_ENDPOINT_OPTIONS) private readonly options: MetricsEndpointOptions,
  ) {
    if (options.processMetrics === false) {
      this.registry = authMetrics.registry;
      return;
    }
    const process = new Registry();
    collectDefaultMetrics({ register: process });
    this.registry = Registry.merge([process, authMetrics.registry]);
  }

  async use(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { token } = this.options;
    if (token && !bearerTokenMatches(req.headers.authorization, token)) {
      res.writeHead(401, {
        'Content-Type': 'application/json',
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
      res.end(
        JSON.stringify({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Send Authorization: Bearer <metrics token> to read the metrics.',
        }),
      );
      return;
    }
    const body = await this.registry.metrics();
    res.writeHead(200, { 'Content-Type': this.registry.contentType });
    res.end(body);
  }
}
