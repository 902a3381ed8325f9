/** What a tracker knows of one identifier. */
export interface LoginAttemptStatus {
  /** Attempts counted in the current window, including ones still being verified. */
  attempts: number;
  /** When the lock ends, or `null` when not locked. */
  lockedUntil: Date | null;
}

/** A reserved attempt: the caller may verify one password. */
export interface LoginAttemptReservation {
  attempts: number;
  /** Attempts still allowed in this window after this one. */
  remaining: number;
}

/**
 * Counts failed logins per normalised identifier and locks it after `maxFailedAttempts` within
 * `lockoutDurationSeconds`.
 *
 * `check` reserves an attempt atomically before the password is verified, so N parallel wrong
 * logins never verify more than `maxFailedAttempts` passwords in a window, on one instance or many.
 */
export abstract class LoginAttemptTracker {
  /**
   * Reserves one attempt for `identifier`.
   * @throws AccountLockedError when the identifier is locked or its attempts are spent.
   * @throws AuthStoreUnavailableError when the store cannot answer.
   */
  abstract check(identifier: string): Promise<LoginAttemptReservation>;
  /** The reserved attempt failed. Returns true when this failure started the lock. */
  abstract recordFailure(identifier: string): Promise<boolean>;
  /** The reserved attempt succeeded: the count starts again from zero. */
  abstract recordSuccess(identifier: string): Promise<void>;
  /** Forgets the identifier's attempts and lock (the admin's unlock). */
  abstract clear(identifier: string): Promise<void>;
  abstract status(identifier: string): Promise<LoginAttemptStatus>;
}

/** The name lexigram-auth's Python API uses for the same token, for teams porting code from it. */
export { LoginAttemptTracker as LoginAttemptTrackerProtocol };
