import { LoginAttemptsBusyError } from '../errors/auth.errors';
import type { LoginAttemptReservation, LoginAttemptTracker } from './login-attempt-tracker';

/** How long a login waits for a pending attempt of its identifier to finish. */
export interface ReserveWaitOptions {
  /** @default 5000 */
  maxWaitMs?: number;
  /** First pause between tries; it doubles up to 200 ms, with jitter. @default 10 */
  firstPauseMs?: number;
}

const MAX_PAUSE_MS = 200;

/**
 * `tracker.check`, waiting while every slot of the window is held by attempts still being
 * verified: parallel logins of one account queue for a few seconds instead of failing, while no
 * more than `maxFailedAttempts` passwords are ever verified at once. A lock ends the wait at once.
 * Waits in real time (not the auth clock): it spaces out tries, it does not measure the window.
 * @throws AccountLockedError, AuthStoreUnavailableError as `check` does
 * @throws LoginAttemptsBusyError (429) when no slot freed up within `maxWaitMs`
 */
export async function reserveLoginAttempt(
  tracker: LoginAttemptTracker,
  identifier: string,
  { maxWaitMs = 5000, firstPauseMs = 10 }: ReserveWaitOptions = {},
): Promise<LoginAttemptReservation> {
  const deadline = Date.now() + maxWaitMs;
  for (let pause = firstPauseMs; ; pause = Math.min(MAX_PAUSE_MS, pause * 2)) {
    try {
      return await tracker.check(identifier);
    } catch (error) {
      if (!(error instanceof LoginAttemptsBusyError) || Date.now() >= deadline) throw error;
    }
    // Jitter, so waiters on several instances do not retry in lockstep.
    const wait = Math.min(pause * (0.5 + Math.random()), Math.max(0, deadline - Date.now()));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
