import { loadAppConfig } from './load-app-config';

describe('loadAppConfig: shutdown settings', () => {
  it('defaults to a 10 s grace period and no delay', () => {
    expect(loadAppConfig({}).config?.shutdown).toEqual({ graceSeconds: 10, delaySeconds: 0 });
  });

  it('reads SHUTDOWN_GRACE_SECONDS and SHUTDOWN_DELAY_SECONDS', () => {
    const { config, problems } = loadAppConfig({
      SHUTDOWN_GRACE_SECONDS: '30',
      SHUTDOWN_DELAY_SECONDS: '5',
    });

    expect(problems).toEqual([]);
    expect(config?.shutdown).toEqual({ graceSeconds: 30, delaySeconds: 5 });
  });

  it('refuses a delay that leaves no grace for requests in flight, naming the variable', () => {
    const { problems } = loadAppConfig({
      SHUTDOWN_GRACE_SECONDS: '5',
      SHUTDOWN_DELAY_SECONDS: '5',
    });

    expect(problems).toEqual([
      expect.objectContaining({
        variable: 'SHUTDOWN_DELAY_SECONDS',
        message: expect.stringContaining('below SHUTDOWN_GRACE_SECONDS (5)') as string,
      }),
    ]);
  });

  it.each([['0'], ['-1'], ['soon']])('refuses SHUTDOWN_GRACE_SECONDS=%s', (value) => {
    const { problems } = loadAppConfig({ SHUTDOWN_GRACE_SECONDS: value });

    expect(problems.map((p) => p.variable)).toEqual(['SHUTDOWN_GRACE_SECONDS']);
  });
});

describe('loadAppConfig: ACCESS_LOG', () => {
  it('defaults to errors and reads all and off', () => {
    expect(loadAppConfig({}).config?.accessLog).toBe('errors');
    expect(loadAppConfig({ ACCESS_LOG: 'all' }).config?.accessLog).toBe('all');
    expect(loadAppConfig({ ACCESS_LOG: 'off' }).config?.accessLog).toBe('off');
  });

  it('refuses another value, naming the variable', () => {
    expect(loadAppConfig({ ACCESS_LOG: 'verbose' }).problems.map((p) => p.variable)).toEqual([
      'ACCESS_LOG',
    ]);
  });
});
