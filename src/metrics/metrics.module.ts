import {
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { loadMetricsOptions, METRICS_OPTIONS, type MetricsOptions } from './metrics-options';
import { MetricsMiddleware } from './metrics.middleware';

/** `GET /metrics` (or `METRICS_PATH`), optionally behind `METRICS_TOKEN`. */
@Module({
  providers: [{ provide: METRICS_OPTIONS, useFactory: () => loadMetricsOptions(process.env) }],
})
export class MetricsModule implements NestModule {
  constructor(@Inject(METRICS_OPTIONS) private readonly options: MetricsOptions) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(MetricsMiddleware)
      .forRoutes({ path: this.options.path, method: RequestMethod.GET });
  }
}
