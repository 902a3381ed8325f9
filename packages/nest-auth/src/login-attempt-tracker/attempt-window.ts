import { AccountLockedError, LoginAttemptsBusyError } from '../errors/auth.errors';
import type { LockoutPolicy } from './lockout-policy';
import type { LoginAttemptReservation, LoginAttemptStatus } from './login-attempt-tracker';

/**
 * What every tracker backend stores per identifier. Times are epoch milliseconds. Each backend
 * updates it atomically in its own way; the decisions below are shared so they cannot drift.
 *
 * A reservation (`check`) takes a pending slot; `recordFailure` turns it into a failure,
 * `release` and `recordSuccess` give it back. Slots held by a process that died mid-login lapse
 * at `pendingExpiresAt`, which each reservation moves to its own time plus the pending lifetime.
 */
export interface AttemptWindow {
  /** Passwords checked and found wrong in the current window. */
  failures: number;
  /** Reserved attempts still being verified (count as spent until their outcome is known). */
  pending: number;
  windowExpiresAt: number;
  pendingExpiresAt: number;
  /** `null` when never locked in this window. */
  lockedUntil: number | null;
}

/** Whole seconds from `now` until `instantMs`, at least 1 so a client never retries at once. */
export function secondsUntil(instantMs: number, now: number): number {
  return Math.max(1, Math.ceil((instantMs - now) / 1000));
}

export function isLocked(window: AttemptWindow, now: number): boolean {
  return window.lockedUntil !== null && window.lockedUntil > now;
}

/** Pending slots that have not lapsed. */
export function livePending(window: AttemptWindow, now: number): number {
  return window.pendingExpiresAt > now ? window.pending : 0;
}

/**
 * Nothing in the entry counts any more (window over, or no failure and no live slot) and it is
 * not locked: it can be forgotten, and the next reservation opens a new window.
 */
export function isSpent(window: AttemptWindow, now: number): boolean {
  if (isLocked(window, now)) return false;
  return window.windowExpiresAt <= now || (window.failures === 0 && livePending(window, now) === 0);
}

/** Whether a reservation may take a slot now: not locked and fewer than max slots spent. */
export function canReserve(window: AttemptWindow, policy: LockoutPolicy, now: number): boolean {
  if (isSpent(window, now)) return true;
  if (isLocked(window, now)) return false;
  return window.failures + livePending(window, now) < policy.maxFailedAttempts;
}

/** The caller's answer for a granted reservation; `window` is the state right after it. */
export function toReservation(
  window: AttemptWindow,
  policy: LockoutPolicy,
  now: number,
): LoginAttemptReservation {
  const attempts = window.failures + livePending(window, now);
  return { attempts, remaining: Math.max(0, policy.maxFailedAttempts - attempts) };
}

/**
 * The error for a refused reservation; `window` is the state that refused it (`undefined` when
 * it changed in between and no longer says why).
 */
export function refusal(
  window: AttemptWindow | undefined,
  policy: LockoutPolicy,
  now: number,
): Error {
  if (window && isLocked(window, now)) {
    return new AccountLockedError(secondsUntil(window.lockedUntil as number, now));
  }
  // Failures alone fill the window only when maxFailedAttempts was lowered since they counted.
  if (window && window.windowExpiresAt > now && window.failures >= policy.maxFailedAttempts) {
    return new AccountLockedError(secondsUntil(window.windowExpiresAt, now));
  }
  return new LoginAttemptsBusyError();
}

/** The public view of a stored window; `undefined` stands for no entry. */
export function toStatus(window: AttemptWindow | undefined, now: number): LoginAttemptStatus {
  if (!window) return { attempts: 0, lockedUntil: null };
  const live = window.windowExpiresAt > now;
  return {
    attempts: live ? window.failures + livePending(window, now) : 0,
    lockedUntil: isLocked(window, now) ? new Date(window.lockedUntil as number) : null,
  };
}
