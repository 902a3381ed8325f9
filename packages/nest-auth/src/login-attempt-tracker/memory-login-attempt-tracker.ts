import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { ExpiringMap } from '../common/expiring-map';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { PeriodicTask } from '../common/periodic-task';
import {
  type AttemptWindow,
  canReserve,
  isLocked,
  isSpent,
  livePending,
  refusal,
  toReservation,
  toStatus,
} from './attempt-window';
import { type LockoutPolicy, pendingMs } from './lockout-policy';
import {
  type LoginAttemptReservation,
  type LoginAttemptStatus,
  LoginAttemptTracker,
} from './login-attempt-tracker';

/**
 * Tracker for one process (development, tests, a single instance). Every operation runs
 * synchronously between awaits, which is what makes each read-modify-write atomic here;
 * instances sharing load need the database or Redis tracker instead.
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
  check(identifier: string): Promise<LoginAttemptReservation> {
    const now = this.clock();
    const key = normalizeIdentifier(identifier);
    // `get` treats a spent entry as absent, so a reservation after one opens a new window.
    const window = this.windows.get(key, now) ?? this.openWindow(key, now);
    if (!canReserve(window, this.policy, now)) {
      return Promise.reject(refusal(window, this.policy, now));
    }
    window.pending = livePending(window, now) + 1;
    window.pendingExpiresAt = now + pendingMs(this.policy);
    return Promise.resolve(toReservation(window, this.policy, now));
  }

  /** @inheritdoc */
  recordFailure(identifier: string): Promise<boolean> {
    const now = this.clock();
    const window = this.takeSlot(identifier, now);
    if (!window) return Promise.resolve(false);
    window.failures += 1;
    const startsLock = window.failures >= this.policy.maxFailedAttempts && !isLocked(window, now);
    if (startsLock) window.lockedUntil = now + this.durationMs();
    return Promise.resolve(startsLock);
  }

  /** @inheritdoc */
  release(identifier: string): Promise<void> {
    this.takeSlot(identifier, this.clock());
    return Promise.resolve();
  }

  /** @inheritdoc */
  recordSuccess(identifier: string): Promise<void> {
    const now = this.clock();
    const window = this.windows.get(normalizeIdentifier(identifier), now);
    if (window) {
      window.failures = 0;
      window.pending = Math.max(0, livePending(window, now) - 1);
    }
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

  /** Takes one live pending slot of a live window; the window, or `undefined` when none. */
  private takeSlot(identifier: string, now: number): AttemptWindow | undefined {
    const window = this.windows.get(normalizeIdentifier(identifier), now);
    if (!window || window.windowExpiresAt <= now || livePending(window, now) === 0) return;
    window.pending -= 1;
    return window;
  }

  private openWindow(key: string, now: number): AttemptWindow {
    const fresh: AttemptWindow = {
      failures: 0,
      pending: 0,
      windowExpiresAt: now + this.durationMs(),
      pendingExpiresAt: now,
      lockedUntil: null,
    };
    this.windows.set(key, fresh, now);
    return fresh;
  }

  private durationMs(): number {
    return this.policy.lockoutDurationSeconds * 1000;
  }
}
