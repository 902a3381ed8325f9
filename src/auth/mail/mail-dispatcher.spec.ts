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
});
