import {
  AccountLockedError,
  AuthStoreUnavailableError,
  LoginAttemptsBusyError,
} from '../../packages/nest-auth/src/errors/auth.errors';
import type {
  LoginAttemptReservation,
  LoginAttemptTracker,
} from '../../packages/nest-auth/src/login-attempt-tracker/login-attempt-tracker';
import { reserveLoginAttempt } from '../../packages/nest-auth/src/login-attempt-tracker/reserve-login-attempt';
import { FakeClock } from '../support/fake-clock';
import { rejectionOf, rejectionsOf } from '../support/rejection-of';
import {
  type BackendHandle,
  disconnect,
  LOGIN_ATTEMPT_TRACKER_BACKENDS,
  openAnother,
  reopen,
} from '../support/store-backends';

const MAX = 5;
const DURATION_S = 300;
const PENDING_S = 30;
const policy = {
  maxFailedAttempts: MAX,
  lockoutDurationSeconds: DURATION_S,
  pendingAttemptSeconds: PENDING_S,
};

describe.each(LOGIN_ATTEMPT_TRACKER_BACKENDS)('LoginAttemptTracker contract ($name)', (backend) => {
  let clock: FakeClock;
  let handle: BackendHandle<LoginAttemptTracker>;
  let tracker: LoginAttemptTracker;

  beforeEach(async () => {
    clock = new FakeClock();
    handle = await backend.create({ policy, clock: clock.now });
    tracker = handle.subject;
  });

  afterEach(() => handle.close());

  /** One wrong login as the service runs it: reserve, then report the failure. */
  async function fail(identifier: string): Promise<boolean> {
    await tracker.check(identifier);
    return tracker.recordFailure(identifier);
  }

  async function lockOut(identifier: string): Promise<void> {
    for (let i = 0; i < MAX; i += 1) await fail(identifier);
  }

  async function retryAfterOf(promise: Promise<unknown>): Promise<number> {
    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(AccountLockedError);
    return (error as AccountLockedError).retryAfter;
  }

  it('reserves one attempt per check and reports the attempts left', async () => {
    await expect(tracker.check('alice@example.com')).resolves.toEqual({
      attempts: 1,
      remaining: 4,
    });
    await expect(tracker.check('alice@example.com')).resolves.toEqual({
      attempts: 2,
      remaining: 3,
    });
    await expect(tracker.status('alice@example.com')).resolves.toEqual({
      attempts: 2,
      lockedUntil: null,
    });
  });

  it('refuses a check while maxFailedAttempts attempts are pending, as busy, not locked', async () => {
    for (let i = 0; i < MAX; i += 1) await tracker.check('alice@example.com');

    const error = await rejectionOf(tracker.check('alice@example.com'));
    expect(error).toBeInstanceOf(LoginAttemptsBusyError);
    expect(error).toMatchObject({ status: 429, retryAfter: 1 });
    await expect(tracker.status('alice@example.com')).resolves.toEqual({
      attempts: MAX,
      lockedUntil: null,
    });
  });

  /** Expects exactly attempts 1..MAX granted and every other check refused as busy. */
  function expectExactlyMaxGranted(results: PromiseSettledResult<LoginAttemptReservation>[]) {
    const granted = results.filter((r) => r.status === 'fulfilled').map((r) => r.value.attempts);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(granted.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(refused).toHaveLength(results.length - MAX);
    for (const reason of refused) expect(reason).toBeInstanceOf(LoginAttemptsBusyError);
  }

  it('lets exactly maxFailedAttempts of 40 parallel checks on one identifier through', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => tracker.check('alice@example.com')),
    );

    expectExactlyMaxGranted(results);
  });

  if (backend.shared) {
    it('lets exactly maxFailedAttempts of 50 parallel checks from two instances through', async () => {
      const instances = [tracker, await openAnother(handle)];

      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => instances[i % 2].check('alice@example.com')),
      );

      expectExactlyMaxGranted(results);
    });
  }

  /**
   * `n` logins as the service runs them, spread over `instances`: a waiting reservation, then the
   * outcome. Resolves with how many passwords were "verified" and how each login ended.
   */
  async function parallelLogins(instances: LoginAttemptTracker[], n: number, right: boolean) {
    let verified = 0;
    const results = await Promise.allSettled(
      Array.from({ length: n }, async (_, i) => {
        const instance = instances[i % instances.length];
        await reserveLoginAttempt(instance, 'alice@example.com', { maxWaitMs: 20_000 });
        verified += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (right) return instance.recordSuccess('alice@example.com');
        await instance.recordFailure('alice@example.com');
      }),
    );
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    return { verified, refused };
  }

  async function instancesOfThisBackend(): Promise<LoginAttemptTracker[]> {
    return backend.shared ? [tracker, await openAnother(handle)] : [tracker];
  }

  it('lets 16 parallel right logins of one identifier all through, waiting for free slots', async () => {
    const { verified, refused } = await parallelLogins(await instancesOfThisBackend(), 16, true);

    expect(refused).toEqual([]);
    expect(verified).toBe(16);
    await expect(tracker.status('alice@example.com')).resolves.toEqual({
      attempts: 0,
      lockedUntil: null,
    });
  });

  it('verifies exactly maxFailedAttempts of 24 parallel wrong logins, then refuses as locked', async () => {
    const { verified, refused } = await parallelLogins(await instancesOfThisBackend(), 24, false);

    expect(verified).toBe(MAX);
    expect(refused).toHaveLength(24 - MAX);
    for (const reason of refused) expect(reason).toBeInstanceOf(AccountLockedError);
    expect((await tracker.status('alice@example.com')).lockedUntil).not.toBeNull();
  });

  it('gives a released attempt back: released attempts never lock, however many', async () => {
    for (let i = 0; i < MAX - 1; i += 1) await fail('alice@example.com');
    for (let i = 0; i < 3 * MAX; i += 1) {
      await expect(tracker.check('alice@example.com')).resolves.toEqual({
        attempts: MAX,
        remaining: 0,
      });
      await tracker.release('alice@example.com');
    }

    await expect(tracker.status('alice@example.com')).resolves.toEqual({
      attempts: MAX - 1,
      lockedUntil: null,
    });
    await expect(fail('alice@example.com')).resolves.toBe(true);
  });

  it('opens a fresh window when every attempt of it was released', async () => {
    await tracker.check('alice@example.com');
    await tracker.release('alice@example.com');
    clock.advanceSeconds(DURATION_S - 1);
    for (let i = 0; i < MAX - 1; i += 1) await fail('alice@example.com');

    // Past the end of the released window: the failures belong to the window they opened.
    clock.advanceSeconds(2);
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({
      attempts: MAX - 1,
    });
  });

  it('ignores a release without a live reservation', async () => {
    await fail('alice@example.com');
    await tracker.release('alice@example.com');
    await tracker.release('bob@example.com');

    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ attempts: 1 });
    await expect(tracker.status('bob@example.com')).resolves.toMatchObject({ attempts: 0 });
  });

  it('lets pending attempts of a process that died lapse after pendingAttemptSeconds', async () => {
    for (let i = 0; i < MAX; i += 1) await tracker.check('alice@example.com');

    clock.advanceSeconds(PENDING_S - 1);
    await expect(rejectionOf(tracker.check('alice@example.com'))).resolves.toBeInstanceOf(
      LoginAttemptsBusyError,
    );
    clock.advanceSeconds(1);
    await expect(tracker.check('alice@example.com')).resolves.toEqual({
      attempts: 1,
      remaining: MAX - 1,
    });
  });

  it('counts nothing for a failure reported after its slot lapsed', async () => {
    await fail('alice@example.com');
    await tracker.check('alice@example.com');
    clock.advanceSeconds(PENDING_S);

    await expect(tracker.recordFailure('alice@example.com')).resolves.toBe(false);
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ attempts: 1 });
  });

  it('keeps the other pending attempts when one succeeds', async () => {
    await fail('alice@example.com');
    await tracker.check('alice@example.com');
    await tracker.check('alice@example.com');

    await tracker.recordSuccess('alice@example.com');
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ attempts: 1 });
    await tracker.recordFailure('alice@example.com');
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ attempts: 1 });
  });

  it('locks on the max-th recorded failure, and only that failure reports starting the lock', async () => {
    const started: boolean[] = [];
    for (let i = 0; i < MAX; i += 1) started.push(await fail('alice@example.com'));

    expect(started).toEqual([false, false, false, false, true]);
    expect(await retryAfterOf(tracker.check('alice@example.com'))).toBe(DURATION_S);
    await expect(tracker.status('alice@example.com')).resolves.toEqual({
      attempts: MAX,
      lockedUntil: new Date(clock.now() + DURATION_S * 1000),
    });
  });

  it('counts retryAfter down while locked, rounded up to whole seconds', async () => {
    await lockOut('alice@example.com');

    clock.advance(10_001);
    expect(await retryAfterOf(tracker.check('alice@example.com'))).toBe(290);
    clock.advance(289_500);
    expect(await retryAfterOf(tracker.check('alice@example.com'))).toBe(1);
  });

  it('does not extend a lock when more failures are recorded during it', async () => {
    await lockOut('alice@example.com');
    const lockedUntil = new Date(clock.now() + DURATION_S * 1000);

    clock.advanceSeconds(100);
    await expect(tracker.recordFailure('alice@example.com')).resolves.toBe(false);
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ lockedUntil });
  });

  /** No attempts, no lock, and the next check is the first of a new window. */
  const expectFresh = async (identifier: string) => {
    await expect(tracker.status(identifier)).resolves.toEqual({ attempts: 0, lockedUntil: null });
    await expect(tracker.check(identifier)).resolves.toEqual({ attempts: 1, remaining: MAX - 1 });
  };

  it('unlocks by itself once lockoutDurationSeconds have passed', async () => {
    await lockOut('alice@example.com');

    clock.advanceSeconds(DURATION_S);
    await expectFresh('alice@example.com');
  });

  it('starts the count again after a success', async () => {
    for (let i = 0; i < MAX - 1; i += 1) await fail('alice@example.com');
    await tracker.check('alice@example.com');
    await tracker.recordSuccess('alice@example.com');

    await expect(tracker.status('alice@example.com')).resolves.toEqual({
      attempts: 0,
      lockedUntil: null,
    });
    for (let i = 1; i <= MAX; i += 1) {
      await expect(tracker.check('alice@example.com')).resolves.toMatchObject({ attempts: i });
    }
  });

  it('clear unlocks a locked identifier at once', async () => {
    await lockOut('alice@example.com');

    await tracker.clear('alice@example.com');
    await expectFresh('alice@example.com');
  });

  it('counts attempts within one window together and forgets them when it ends', async () => {
    for (let i = 0; i < MAX - 1; i += 1) await fail('alice@example.com');

    clock.advance(DURATION_S * 1000 - 1);
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ attempts: 4 });
    clock.advance(1);
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ attempts: 0 });
    await expect(tracker.check('alice@example.com')).resolves.toEqual({
      attempts: 1,
      remaining: 4,
    });
  });

  it('does not lock for a failure reported after its window ended', async () => {
    for (let i = 0; i < MAX; i += 1) await tracker.check('alice@example.com');

    clock.advanceSeconds(DURATION_S);
    await expect(tracker.recordFailure('alice@example.com')).resolves.toBe(false);
    await expect(tracker.status('alice@example.com')).resolves.toMatchObject({ lockedUntil: null });
  });

  it('never locks on failures recorded without a reservation', async () => {
    for (let i = 0; i < MAX + 1; i += 1) {
      await expect(tracker.recordFailure('alice@example.com')).resolves.toBe(false);
    }
    await expect(tracker.check('alice@example.com')).resolves.toMatchObject({ attempts: 1 });
  });

  it('treats spellings that normalise alike as one identifier', async () => {
    await tracker.check(' Alice@Example.COM ');
    await tracker.check('alice@example.com');
    await expect(tracker.status('ALICE@example.com')).resolves.toMatchObject({ attempts: 2 });

    for (let i = 0; i < MAX - 2; i += 1) await tracker.check('\u3000alice@EXAMPLE.com');
    for (let i = 0; i < MAX; i += 1) await tracker.recordFailure('Alice@example.com');
    await expect(rejectionOf(tracker.check('alice@example.com'))).resolves.toBeInstanceOf(
      AccountLockedError,
    );

    await tracker.clear(' ALICE@EXAMPLE.COM');
    await expect(tracker.check('alice@example.com')).resolves.toMatchObject({ attempts: 1 });
  });

  it('keeps identifiers apart', async () => {
    await lockOut('alice@example.com');

    await expect(tracker.check('bob@example.com')).resolves.toEqual({ attempts: 1, remaining: 4 });
    await expect(tracker.status('carol@example.com')).resolves.toEqual({
      attempts: 0,
      lockedUntil: null,
    });
  });

  if (backend.durable) {
    it('keeps a lock and its expiry across a restart', async () => {
      await lockOut('alice@example.com');
      clock.advanceSeconds(60);

      const restarted = await reopen(handle);
      expect(await retryAfterOf(restarted.check('alice@example.com'))).toBe(DURATION_S - 60);
    });

    it('fails closed with AuthStoreUnavailableError when the store is unreachable', async () => {
      await disconnect(handle);

      const errors = await rejectionsOf([
        tracker.check('alice@example.com'),
        tracker.recordFailure('alice@example.com'),
        tracker.release('alice@example.com'),
        tracker.recordSuccess('alice@example.com'),
        tracker.clear('alice@example.com'),
        tracker.status('alice@example.com'),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthStoreUnavailableError);
        expect(error).toMatchObject({ store: 'login attempt tracker' });
      }
    });
  }
});
