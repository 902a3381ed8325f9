import { loadMetricsOptions } from './metrics-options';

describe('loadMetricsOptions', () => {
  it('defaults to an open /metrics', () => {
    expect(loadMetricsOptions({})).toEqual({ path: '/metrics', token: null });
    expect(loadMetricsOptions({ METRICS_PATH: '', METRICS_TOKEN: '' })).toEqual({
      path: '/metrics',
      token: null,
    });
  });

  it('reads the path and the token', () => {
    expect(
      loadMetricsOptions({ METRICS_PATH: '/internal/metrics', METRICS_TOKEN: 'x'.repeat(16) }),
    ).toEqual({ path: '/internal/metrics', token: 'x'.repeat(16) });
  });

  it('refuses a path without a leading slash and a short token, naming the variable', () => {
    expect(() => loadMetricsOptions({ METRICS_PATH: 'metrics' })).toThrow(/^METRICS_PATH /);
    expect(() => loadMetricsOptions({ METRICS_TOKEN: 'short' })).toThrow(/^METRICS_TOKEN .*16/);
  });
});
