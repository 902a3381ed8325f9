import { AccountLockedError } from '../errors/auth.errors';
import type { LockoutPolicy } from './lockout-policy';
import type { LoginAttemptReservation, LoginAttemptStatus } from './login-attempt-tracker';

/**
 * What every tracker backend stores per identifier. Times are epoch milliseconds. Each backend
 * updates it atomically in its own way; the decisions below are shared so they cannot drift.
 */
export interface AttemptWindow {
  /** Attempts reserved in the current window, including ones still being verified. */
  attempts: number;
  windowExpiresAt: number;
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

/** An entry can be forgotten once neither its window nor its lock says anything any more. */
export function isSpent(window: AttemptWindow, now: number): boolean {
  return window.windowExpiresAt <= now && !isLocked(window, now);
}

/**
 * Turns the state right after a reservation (attempts already counted) into the caller's answer.
 * @throws AccountLockedError when the identifier is locked, or when this reservation went past
 * `maxFailedAttempts` (other attempts of this window are still being verified or have failed).
 */
export function toReservation(
  window: AttemptWindow,
  policy: LockoutPolicy,
  now: number,
): LoginAttemptReservation {
  if (window.lockedUntil !== null && window.lockedUntil > now) {
    throw new AccountLockedError(secondsUntil(window.lockedUntil, now));
  }
  if (window.attempts > policy.maxFailedAttempts) {
    throw new AccountLockedError(secondsUntil(window.windowExpiresAt, now));
  }
  return { attempts: window.attempts, remaining: policy.maxFailedAttempts - window.attempts };
}

/** The public view of a stored window; `undefined` stands for no entry. */
export function toStatus(window: AttemptWindow | undefined, now: number): LoginAttemptStatus {
  if (!window) return { attempts: 0, lockedUntil: null };
  return {
    attempts: window.windowExpiresAt > now ? window.attempts : 0,
    lockedUntil: isLocked(window, now) ? new Date(window.lockedUntil as number) : null,
  };
}
