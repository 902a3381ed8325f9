/** What a tracker knows of one identifier. */
export interface LoginAttemptStatus {
  /** Failed attempts in the current window plus the ones still being verified. */
  attempts: number;
  /** When the lock ends, or `null` when not locked. */
  lockedUntil: Date | null;
}

/** A reserved attempt: the caller may verify one password. */
export interface LoginAttemptReservation {
  /** Failed plus pending attempts of the window, this one included. */
  attempts: number;
  /** Attempts still allowed in this window after this one. */
  remaining: number;
}

/**
 * Counts failed logins per normalised identifier and locks it after `maxFailedAttempts`
 * failures within `lockoutDurationSeconds`.
 *
 * `check` reserves a pending slot atomically before the password is verified, so N parallel
 * wrong logins never verify more than `maxFailedAttempts` passwords in a window, on one instance
 * or many. Each reservation then ends in exactly one of: `recordFailure` (the password was
 * checked and wrong), `recordSuccess` (right), or `release` (nothing was checked: the user read
 * failed, the store answered 503). A slot never reported lapses after `pendingAttemptSeconds`.
 */
export abstract class LoginAttemptTracker {
  /**
   * Reserves one pending attempt for `identifier`.
   * @throws AccountLockedError when the identifier is locked.
   * @throws LoginAttemptsBusyError when failures and pending attempts fill the window; it frees
   * up as the pending ones finish (`reserveLoginAttempt` waits for that).
   * @throws AuthStoreUnavailableError when the store cannot answer.
   */
  abstract check(identifier: string): Promise<LoginAttemptReservation>;
  /**
   * The reserved attempt checked a wrong password: its slot becomes a failure. Without a live
   * reservation nothing changes.
   * @returns true when this failure started the lock
   */
  abstract recordFailure(identifier: string): Promise<boolean>;
  /**
   * The reserved attempt was never decided (an error before or instead of the password check):
   * its slot is given back and counts as nothing.
   */
  abstract release(identifier: string): Promise<void>;
  /**
   * The reserved attempt succeeded: failures start again from zero and its slot is given back.
   * A lock other attempts started meanwhile stays, and so do their pending slots.
   */
  abstract recordSuccess(identifier: string): Promise<void>;
  /** Forgets the identifier's attempts and lock (the admin's unlock). */
  abstract clear(identifier: string): Promise<void>;
  abstract status(identifier: string): Promise<LoginAttemptStatus>;
}

/** The name lexigram-auth's Python API uses for the same token, for teams porting code from it. */
export { LoginAttemptTracker as LoginAttemptTrackerProtocol };
