import {
  type DynamicModule,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MetricsEndpointMiddleware } from './metrics-endpoint.middleware';
import { METRICS_ENDPOINT_OPTIONS, type MetricsEndpointOptions } from './metrics-endpoint.options';

/**
 * Opt-in `GET /metrics` (or `path`) serving `AuthMetrics` and the process metrics, optionally
 * behind a bearer `token`. Import it beside `AuthModule`, e.g.
 * `AuthMetricsEndpointModule.forRoot({ token: process.env.METRICS_TOKEN })`, or with a factory
 * read at boot. Its path is no controller route: list it in `configureAuthApp`'s `extraRoutes`
 * for the 405 check.
 */
@Module({})
export class AuthMetricsEndpointModule implements NestModule {
  constructor(
    @Inject(METRICS_ENDPOINT_OPTIONS) private readonly options: Required<MetricsEndpointOptions>,
    private readonly adapterHost: HttpAdapterHost,
    private readonly endpoint: MetricsEndpointMiddleware,
  ) {}

  static forRoot(
    options: MetricsEndpointOptions | (() => MetricsEndpointOptions) = {},
  ): DynamicModule {
    const read = typeof options === 'function' ? options : () => options;
    return {
      module: AuthMetricsEndpointModule,
      providers: [
        { provide: METRICS_ENDPOINT_OPTIONS, useFactory: () => withDefaults(read()) },
        MetricsEndpointMiddleware,
      ],
      exports: [METRICS_ENDPOINT_OPTIONS],
    };
  }

  /**
   * On Fastify a route of its own, outside Nest's router like the middleware: a Nest middleware
   * there makes Nest's Fastify adapter run middie for every request of the app.
   */
  configure(consumer: MiddlewareConsumer): void {
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (adapter?.getType() === 'fastify') {
      adapter.getInstance<FastifyRoutes>().get(this.options.path, (request, reply) => {
        reply.hijack();
        this.endpoint.use(request.raw, reply.raw).catch(() => answerUnavailable(reply.raw));
      });
      return;
    }
    consumer
      .apply(MetricsEndpointMiddleware)
      .forRoutes({ path: this.options.path, method: RequestMethod.GET });
  }
}

function withDefaults(options: MetricsEndpointOptions): Required<MetricsEndpointOptions> {
  return {
    path: options.path ?? '/metrics',
    token: options.token || null,
    processMetrics: options.processMetrics ?? true,
  };
}

/** The part of a Fastify instance the endpoint uses (the package does not depend on Fastify). */
interface FastifyRoutes {
  get(
    path: string,
    handler: (
      request: { raw: IncomingMessage },
      reply: { raw: ServerResponse; hijack(): void },
    ) => void,
  ): void;
}

/** A scrape whose metrics could not be collected: 503, so the scraper records a failed scrape. */
function answerUnavailable(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(503, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The metrics could not be collected.',
    }),
  );
}
