/** The numbers a tracker enforces. */
export interface LockoutPolicy {
  /** Failures allowed within the window before the identifier locks. */
  maxFailedAttempts: number;
  /** Length of the counting window and of the lock, in seconds. */
  lockoutDurationSeconds: number;
}
