import { AccountLockedError, LoginAttemptsBusyError } from '../errors/auth.errors';
import { MemoryLoginAttemptTracker } from './memory-login-attempt-tracker';
import { reserveLoginAttempt } from './reserve-login-attempt';

const MAX = 3;
const EMAIL = 'alice@example.com';

describe('reserveLoginAttempt', () => {
  let tracker: MemoryLoginAttemptTracker;

  beforeEach(async () => {
    tracker = new MemoryLoginAttemptTracker({ maxFailedAttempts: MAX, lockoutDurationSeconds: 60 });
    for (let i = 0; i < MAX; i += 1) await tracker.check(EMAIL);
  });
  afterEach(() => tracker.onApplicationShutdown());

  /** Whether `promise` settled within a short pause (it must not: it waits for a slot). */
  const settledYet = (promise: Promise<unknown>) =>
    Promise.race([promise.then(() => true), new Promise((r) => setTimeout(r, 50, false))]);

  it('waits while every slot is pending and takes the first one given back', async () => {
    const waiting = reserveLoginAttempt(tracker, EMAIL);
    expect(await settledYet(waiting)).toBe(false);

    await tracker.release(EMAIL);

    await expect(waiting).resolves.toEqual({ attempts: MAX, remaining: 0 });
  });

  it('ends the wait with AccountLockedError once the pending attempts fail', async () => {
    const waiting = reserveLoginAttempt(tracker, EMAIL);
    for (let i = 0; i < MAX; i += 1) await tracker.recordFailure(EMAIL);

    await expect(waiting).rejects.toBeInstanceOf(AccountLockedError);
  });

  it('gives up with LoginAttemptsBusyError (429) when no slot frees within maxWaitMs', async () => {
    await expect(reserveLoginAttempt(tracker, EMAIL, { maxWaitMs: 30 })).rejects.toBeInstanceOf(
      LoginAttemptsBusyError,
    );
  });
});
