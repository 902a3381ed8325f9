/** The numbers a tracker enforces. */
export interface LockoutPolicy {
  /** Failures allowed within the window before the identifier locks. */
  maxFailedAttempts: number;
  /** Length of the counting window and of the lock, in seconds. */
  lockoutDurationSeconds: number;
  /**
   * How long a reserved attempt whose outcome was never reported (the process died mid-login)
   * keeps its slot, counted from the identifier's latest reservation.
   * @default 30
   */
  pendingAttemptSeconds?: number;
}

/** Long enough for a user read and a password hash under load, short enough not to lock out. */
export const DEFAULT_PENDING_ATTEMPT_SECONDS = 30;

/** The pending-slot lifetime of `policy`, in milliseconds. */
export function pendingMs(policy: LockoutPolicy): number {
  return (policy.pendingAttemptSeconds ?? DEFAULT_PENDING_ATTEMPT_SECONDS) * 1000;
}
