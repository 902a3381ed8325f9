import { AuthMetricsEndpointModule } from '@lexigram/nest-auth';
import { loadMetricsOptions } from './metrics-options';

/**
 * `GET /metrics` (or `METRICS_PATH`), optionally behind `METRICS_TOKEN`: the package's endpoint,
 * its options read from the environment at boot.
 */
export const MetricsModule = AuthMetricsEndpointModule.forRoot(() =>
  loadMetricsOptions(process.env),
);
