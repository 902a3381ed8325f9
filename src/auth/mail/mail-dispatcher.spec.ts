import { Logger } from '@nestjs/common';
import { MailDispatcher } from './mail-dispatcher';

describe('MailDispatcher', () => {
  afterEach(() => jest.restoreAllMocks());

  it('runs jobs after the caller returns, at most 4 at once', async () => {
    const dispatcher = new MailDispatcher();
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    for (let i = 0; i < 10; i++) {
      dispatcher.enqueue({
        name: 'job',
        run: async () => {
          started.push(i);
          peak = Math.max(peak, ++running);
          await new Promise((resolve) => setImmediate(resolve));
          running--;
        },
      });
    }
    expect(started).toEqual([]);

    await dispatcher.whenIdle();

    expect(started).toHaveLength(10);
    expect(peak).toBe(4);
  });

  it('logs a failed job by name and error class, never its message', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const dispatcher = new MailDispatcher();

    dispatcher.enqueue({
      name: 'password_reset',
      run: () => Promise.reject(new TypeError('https://x.test/reset-password?token=SECRET')),
    });
    await dispatcher.whenIdle();

    expect(error).toHaveBeenCalledWith('Mail job "password_reset" failed: TypeError');
  });

  it('drops jobs past the queue bound instead of growing', () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const dispatcher = new MailDispatcher();
    const never = { name: 'slow', run: () => new Promise<void>(() => undefined) };

    const accepted = Array.from({ length: 1010 }, () => dispatcher.enqueue(never));

    // 4 running and 1000 waiting.
    expect(accepted.filter(Boolean)).toHaveLength(1004);
  });

  describe('on shutdown', () => {
    it('takes no new job and waits for the running and waiting ones', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const dispatcher = new MailDispatcher();
      const finished: number[] = [];
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      for (let i = 0; i < 6; i++) {
        dispatcher.enqueue({
          name: 'job',
          run: async () => {
            await gate;
            finished.push(i);
          },
        });
      }

      const shutdown = dispatcher.beforeApplicationShutdown();
      expect(dispatcher.enqueue({ name: 'late', run: () => Promise.resolve() })).toBe(false);
      expect(warn).toHaveBeenCalledWith('Shutting down; dropped a "late" job.');
      release();
      await shutdown;

      expect(finished.sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(warn).toHaveBeenCalledTimes(1);
    });

    it('waits no longer than its bound, dropping the jobs not started', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate'] });
      try {
        const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
        const dispatcher = new MailDispatcher(5000);
        const started: number[] = [];
        for (let i = 0; i < 6; i++) {
          dispatcher.enqueue({
            name: 'stuck',
            run: () => {
              started.push(i);
              return new Promise<void>(() => undefined);
            },
          });
        }
        await new Promise((resolve) => setImmediate(resolve));

        let done = false;
        const shutdown = dispatcher.beforeApplicationShutdown().then(() => (done = true));
        await jest.advanceTimersByTimeAsync(4999);
        expect(done).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        await shutdown;

        expect(started).toHaveLength(4);
        expect(warn).toHaveBeenCalledWith(
          'Mail jobs still busy after 5000 ms at shutdown: 4 running, 2 waiting dropped.',
        );
      } finally {
        jest.useRealTimers();
      }
    });

    it('returns at once when idle', async () => {
      await expect(new MailDispatcher(60_000).beforeApplicationShutdown()).resolves.toBeUndefined();
    });
  });
});
