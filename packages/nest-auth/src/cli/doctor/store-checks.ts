import type { INestApplicationContext } from '@nestjs/common';
import { AuthClock } from '../../common/auth-clock';
import { LoginAttemptTracker } from '../../login-attempt-tracker/login-attempt-tracker';
import { TokenBlacklist } from '../../token-blacklist/token-blacklist';
import { UserStore } from '../../user-store/user-store';
import { type DoctorFinding, ok } from './doctor-check';

/** An identifier no one registers (RFC 2606 `.invalid`), so probes never touch a real account. */
const PROBE_EMAIL = 'doctor-probe@example.invalid';

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function probe(
  check: string,
  fix: string,
  run: () => Promise<unknown>,
  success: string,
): Promise<DoctorFinding> {
  try {
    await run();
    return ok(check, success);
  } catch (error) {
    return { check, status: 'fail', message: `unreachable: ${reason(error)}`, fix };
  }
}

/** The fix for a user store that does not answer, unless the host names its own variables. */
export const USER_STORE_FIX =
  'Check the database settings the --module reads, and that the database is up.';

/** The user store answers a lookup. */
export function checkUserStore(app: INestApplicationContext): Promise<DoctorFinding> {
  return probe(
    'user store',
    USER_STORE_FIX,
    () => app.get(UserStore).findByEmail(PROBE_EMAIL),
    'reachable; a test lookup answered',
  );
}

/** The tracker answers; a login against a tracker that does not is refused with 503. */
export function checkTracker(app: INestApplicationContext): Promise<DoctorFinding> {
  return probe(
    'login attempt tracker',
    'Logins fail closed (503) until it answers: check REDIS_URL / the database, or LEX_AUTH__STORE.',
    () => app.get(LoginAttemptTracker).status(PROBE_EMAIL),
    'reachable',
  );
}

/**
 * The blacklist answers; every authenticated request asks it. `isRevokedNow` reaches the store
 * itself, where `isRevoked` may answer from a replica's memory.
 */
export function checkBlacklist(app: INestApplicationContext): Promise<DoctorFinding> {
  const now = app.get(AuthClock).now();
  return probe(
    'token blacklist',
    'Authenticated requests fail closed (503) until it answers: check REDIS_URL / the database.',
    () =>
      app
        .get(TokenBlacklist)
        .isRevokedNow({ ids: ['doctor-probe'], userId: 'doctor-probe', issuedAtMs: now }),
    'reachable',
  );
}
