import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { ExpiringMap } from '../common/expiring-map';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { PeriodicTask } from '../common/periodic-task';
import { type AttemptWindow, isLocked, isSpent, toReservation, toStatus } from './attempt-window';
import type { LockoutPolicy } from './lockout-policy';
import {
  type LoginAttemptReservation,
  type LoginAttemptStatus,
  LoginAttemptTracker,
} from './login-attempt-tracker';

/**
 * Tracker for one process (development, tests, a single instance). Every operation runs
 * synchronously between awaits, which is what makes `check`'s reservation atomic here; instances
 * sharing load need the database or Redis tracker instead.
 */
export class MemoryLoginAttemptTracker
  extends LoginAttemptTracker
  implements OnApplicationShutdown
{
  private readonly windows = new ExpiringMap<AttemptWindow>(isSpent);
  private readonly purge = new PeriodicTask(MemoryLoginAttemptTracker.name, () =>
    this.windows.sweep(this.clock()),
  );

  constructor(
    private readonly policy: LockoutPolicy,
    private readonly clock: Clock = systemClock,
  ) {
    super();
  }

  /** @inheritdoc */
  // eslint-disable-next-line @typescript-eslint/require-await -- see below
  async check(identifier: string): Promise<LoginAttemptReservation> {
    // No await: read, increment and decide run in one synchronous step, which is what makes the
    // reservation atomic among concurrent calls in this process.
    const now = this.clock();
    const window = this.openWindow(normalizeIdentifier(identifier), now);
    // A locked identifier is refused without spending an attempt.
    if (!isLocked(window, now)) window.attempts += 1;
    return toReservation(window, this.policy, now);
  }

  /** @inheritdoc */
  recordFailure(identifier: string): Promise<boolean> {
    const now = this.clock();
    const window = this.windows.get(normalizeIdentifier(identifier), now);
    const startsLock =
      window !== undefined &&
      window.windowExpiresAt > now &&
      window.attempts >= this.policy.maxFailedAttempts &&
      !isLocked(window, now);
    if (startsLock) window.lockedUntil = now + this.durationMs();
    return Promise.resolve(startsLock);
  }

  /** @inheritdoc */
  recordSuccess(identifier: string): Promise<void> {
    this.windows.delete(normalizeIdentifier(identifier));
    return Promise.resolve();
  }

  /** @inheritdoc */
  clear(identifier: string): Promise<void> {
    this.windows.delete(normalizeIdentifier(identifier));
    return Promise.resolve();
  }

  /** @inheritdoc */
  status(identifier: string): Promise<LoginAttemptStatus> {
    const now = this.clock();
    return Promise.resolve(toStatus(this.windows.get(normalizeIdentifier(identifier), now), now));
  }

  /** Stops the purge timer (Nest calls it on `app.close()`). */
  onApplicationShutdown(): void {
    this.purge.stop();
  }

  /** The identifier's live window, or a fresh one when it has none or its window ran out. */
  private openWindow(key: string, now: number): AttemptWindow {
    // `get` already treats a spent entry (window over, not locked) as absent.
    const current = this.windows.get(key, now);
    if (current) return current;
    const fresh: AttemptWindow = {
      attempts: 0,
      windowExpiresAt: now + this.durationMs(),
      lockedUntil: null,
    };
    this.windows.set(key, fresh, now);
    return fresh;
  }

  private durationMs(): number {
    return this.policy.lockoutDurationSeconds * 1000;
  }
}
