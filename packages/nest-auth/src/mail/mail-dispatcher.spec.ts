import { Logger } from '@nestjs/common';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
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

    expect(error).toHaveBeenCalledWith('Mail job "password_reset" failed (try 1): TypeError');
  });

  it('drops jobs past the queue bound instead of growing', () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const dispatcher = new MailDispatcher();
    const never = { name: 'slow', run: () => new Promise<void>(() => undefined) };

    const accepted = Array.from({ length: 1010 }, () => dispatcher.enqueue(never));

    // 4 running and 1000 waiting.
    expect(accepted.filter(Boolean)).toHaveLength(1004);
  });

  describe('after a store outage', () => {
    const policy = { firstDelayMs: 1000, maxDelayMs: 4000, giveUpAfterMs: 10_000 };
    const outage = () => new AuthStoreUnavailableError('user store');
    let warn: jest.SpyInstance;
    let error: jest.SpyInstance;

    beforeEach(() => {
      jest.useFakeTimers({ doNotFake: ['setImmediate'] });
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    });
    afterEach(() => jest.useRealTimers());

    /** A job failing with `failure()` on its first `failures` tries; counts its tries. */
    function flaky(failures: number, failure: () => Error = outage) {
      const job = { name: 'email_verification', tries: 0, run: () => Promise.resolve() };
      job.run = () => (job.tries++ < failures ? Promise.reject(failure()) : Promise.resolve());
      return job;
    }

    it('tries again after 1 s, 2 s, 4 s, and is idle only once the job went through', async () => {
      const dispatcher = new MailDispatcher(5000, policy);
      const job = flaky(3);
      let idle = false;
      dispatcher.enqueue(job);
      void dispatcher.whenIdle().then(() => (idle = true));

      await jest.advanceTimersByTimeAsync(999);
      expect(job.tries).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(job.tries).toBe(2);
      await jest.advanceTimersByTimeAsync(2000);
      expect(job.tries).toBe(3);
      expect(idle).toBe(false);
      await jest.advanceTimersByTimeAsync(4000);

      expect(job.tries).toBe(4);
      expect(idle).toBe(true);
      expect(warn).toHaveBeenCalledWith(
        'Mail job "email_verification" failed (try 1): AuthStoreUnavailableError; trying again in 1 s',
      );
      expect(error).not.toHaveBeenCalled();
    });

    it('gives up (logged) when the next try would start past giveUpAfterMs', async () => {
      const dispatcher = new MailDispatcher(5000, policy);
      const job = flaky(Infinity);
      dispatcher.enqueue(job);

      await jest.advanceTimersByTimeAsync(60_000);

      // Tries at 0, 1, 3, 7 s; the next would be at 11 s, past the 10 s bound.
      expect(job.tries).toBe(4);
      expect(error).toHaveBeenCalledWith(
        'Mail job "email_verification" failed (try 4): AuthStoreUnavailableError; gave up',
      );
      await expect(dispatcher.whenIdle()).resolves.toBeUndefined();
    });

    it('does not try again after any other error', async () => {
      const dispatcher = new MailDispatcher(5000, policy);
      const job = flaky(Infinity, () => new Error('550 mailbox unavailable'));
      dispatcher.enqueue(job);

      await jest.advanceTimersByTimeAsync(60_000);

      expect(job.tries).toBe(1);
    });

    it('abandons the jobs waiting to retry at shutdown, at once, and says so', async () => {
      const dispatcher = new MailDispatcher(5000, policy);
      const job = flaky(Infinity);
      dispatcher.enqueue(job);
      await jest.advanceTimersByTimeAsync(10);

      await dispatcher.beforeApplicationShutdown();
      await jest.advanceTimersByTimeAsync(60_000);

      expect(job.tries).toBe(1);
      expect(warn).toHaveBeenCalledWith(
        'Shutting down; abandoned 1 mail job(s) waiting to retry (email_verification); ' +
          'the users can ask for a new link.',
      );
    });

    it('keeps the place of a job waiting to retry: the queue bound still holds', async () => {
      const dispatcher = new MailDispatcher(5000, policy);
      const jobs = Array.from({ length: 1004 }, () => flaky(Infinity));
      expect(jobs.map((job) => dispatcher.enqueue(job)).every(Boolean)).toBe(true);
      while (jobs.some((job) => job.tries === 0)) {
        await new Promise((resolve) => setImmediate(resolve));
      }

      expect(dispatcher.enqueue(flaky(0))).toBe(false);
      await dispatcher.beforeApplicationShutdown();
    });
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
