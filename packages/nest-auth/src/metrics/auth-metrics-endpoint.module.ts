import {
  type DynamicModule,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
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

  configure(consumer: MiddlewareConsumer): void {
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
