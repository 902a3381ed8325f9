import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the task every interval until stopped', async () => {
    const task = jest.fn();
    const periodic = new PeriodicTask('test', task, 1000);

    await jest.advanceTimersByTimeAsync(3000);
    expect(task).toHaveBeenCalledTimes(3);

    periodic.stop();
    await jest.advanceTimersByTimeAsync(3000);
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('logs a failing run instead of throwing, and runs again next time', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const task = jest.fn().mockRejectedValueOnce(new Error('database down'));
    const periodic = new PeriodicTask('test', task, 1000);

    await jest.advanceTimersByTimeAsync(2000);

    expect(warn).toHaveBeenCalledWith(expect.stringContaining('database down'));
    expect(task).toHaveBeenCalledTimes(2);
    periodic.stop();
    warn.mockRestore();
  });
});
