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
