import { randomBytes } from 'node:crypto';
import { normalizeIdentifier } from '../common/normalize-identifier';
import {
  AccountLockedError,
  AuthStoreUnavailableError,
  InvalidCredentialsError,
  LoginAttemptsBusyError,
} from '../errors/auth.errors';
import { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import { reserveLoginAttempt } from '../login-attempt-tracker/reserve-login-attempt';
import type { AuthDecisionLogger } from '../logging/auth-decision-logger';
import type { AuthMetrics } from '../metrics/auth-metrics';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import {
  AccountLockedEvent,
  LoginFailedEvent,
  type LoginFailureReason,
  LoginSucceededEvent,
} from '../events/auth-events';
import { PasswordHasher } from '../passwords/password-hasher';
import { type AuthUser, UserStore } from '../user-store/user-store';

/**
 * Checks an identifier and password: lockout first (no password is verified while locked), the
 * same work for unknown users as for wrong passwords, then a re-hash when the stored hash is
 * outdated.
 */
export class CredentialsVerifier {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: UserStore,
    private readonly tracker: LoginAttemptTracker,
    private readonly hasher: PasswordHasher,
    private readonly metrics: AuthMetrics,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher = AuthEventPublisher.none,
  ) {}

  /** Starts hashing the dummy password early, so the first unknown-user login is not slower. */
  warmUp(): void {
    if (this.dummyHash) return;
    const dummy = this.hasher.hash(randomBytes(24).toString('base64'));
    this.dummyHash = dummy;
    // A hash that failed (its bcrypt worker died) is not kept: that login answers 503, the next
    // one makes a new dummy instead of failing for good.
    dummy.catch(() => {
      if (this.dummyHash === dummy) this.dummyHash = undefined;
    });
  }

  /**
   * @throws AccountLockedError, InvalidCredentialsError, AuthStoreUnavailableError
   */
  async verify(identifier: string, password: string, event = 'login'): Promise<AuthUser> {
    const email = normalizeIdentifier(identifier);
    try {
      const user = await this.check(email, password, event);
      this.metrics.logins.inc({ outcome: 'success' });
      return user;
    } catch (error) {
      this.metrics.logins.inc({ outcome: outcomeOf(error) });
      throw error;
    }
  }

  private async check(email: string, password: string, event: string): Promise<AuthUser> {
    let reservation;
    try {
      reservation = await reserveLoginAttempt(this.tracker, email);
    } catch (error) {
      this.events.publish(new LoginFailedEvent(email, failureReasonOf(error)));
      if (error instanceof AccountLockedError) {
        this.log.decision({
          event,
          outcome: 'refused',
          reason: 'locked',
          identifier: email,
          attemptsLeft: 0,
        });
      }
      throw error;
    }
    const { user, verdict } = await this.decide(email, password, event);
    if (!user || verdict !== 'ok') {
      const lockedNow = await this.tracker.recordFailure(email);
      if (lockedNow) this.metrics.lockouts.inc();
      const reason = verdict === 'ok' ? 'unknown_user' : verdict;
      this.events.publish(new LoginFailedEvent(email, reason, user?.id ?? null));
      if (lockedNow) this.events.publish(new AccountLockedEvent(email));
      this.log.decision({
        event,
        outcome: 'failure',
        reason,
        identifier: email,
        attemptsLeft: reservation.remaining,
      });
      throw new InvalidCredentialsError();
    }
    await this.settle(email, () => this.tracker.recordSuccess(email));
    this.log.decision({ event, outcome: 'success', identifier: email, userId: user.id });
    this.events.publish(new LoginSucceededEvent(user.id, email));
    await this.rehashIfOutdated(user, password);
    return user;
  }

  /**
   * Reads the user and checks the password. An error here (the user store down) decided
   * nothing, so the reserved attempt is given back rather than left to count against the user.
   */
  private async decide(email: string, password: string, event: string) {
    try {
      const user = await this.users.findByEmail(email);
      return { user, verdict: await this.verifyPassword(password, user, event) };
    } catch (error) {
      await this.release(email);
      throw error;
    }
  }

  /** Runs the success report; when it fails (a 503), the attempt is at least given back. */
  private async settle(email: string, report: () => Promise<void>): Promise<void> {
    try {
      await report();
    } catch (error) {
      await this.release(email);
      throw error;
    }
  }

  /** Best effort: when the tracker is down too, the slot lapses after `pendingAttemptSeconds`. */
  private async release(email: string): Promise<void> {
    await this.tracker.release(email).catch(() => undefined);
  }

  private async verifyPassword(
    password: string,
    user: AuthUser | null,
    event: string,
  ): Promise<PasswordVerdict> {
    this.metrics.passwordVerifications.inc();
    if (user && this.hasher.canVerify(user.passwordHash)) {
      return (await this.hasher.verify(password, user.passwordHash)) ? 'ok' : 'wrong_password';
    }
    if (user) {
      // Never the hash itself: only that this user's row holds something no hasher reads.
      this.log.warn(
        'stored password hash is in no format this server reads; the login is refused (401). ' +
          'Fix the users row or reset the password.',
        { event, userId: user.id, reason: 'unreadable_hash' },
      );
    }
    // Unknown user or unreadable hash: verify against a real hash anyway, so the answer takes as
    // long as a wrong password.
    this.warmUp();
    await this.hasher.verify(password, await this.dummyHash!);
    return user ? 'unreadable_hash' : 'unknown_user';
  }

  private async rehashIfOutdated(user: AuthUser, password: string): Promise<void> {
    if (!this.hasher.needsRehash(user.passwordHash)) return;
    try {
      await this.users.updatePasswordHash(user.id, await this.hasher.hash(password));
      this.log.decision({ event: 'rehash', outcome: 'success', userId: user.id });
    } catch (error) {
      // A password bcrypt cannot take whole (over 72 bytes, set while argon2id was configured)
      // keeps its argon2 hash: it still verifies, and truncating it is never an option.
      if (error instanceof RangeError) {
        this.log.decision({
          event: 'rehash',
          outcome: 'refused',
          reason: 'not_hashable',
          userId: user.id,
        });
        return;
      }
      // The login itself succeeded; the upgrade is retried at the next one.
      this.log.warn('password re-hash failed; will retry at next login', { userId: user.id });
      this.log.error('re-hash error', error);
    }
  }
}

/** What checking a password found; every value but `ok` is a 401. */
type PasswordVerdict =
  'ok' | Extract<LoginFailureReason, 'wrong_password' | 'unknown_user' | 'unreadable_hash'>;

function failureReasonOf(error: unknown): LoginFailureReason {
  if (error instanceof AccountLockedError) return 'locked';
  // Parallel logins hold every attempt left: nothing failed and no store is down.
  return error instanceof LoginAttemptsBusyError ? 'busy' : 'store_unavailable';
}

function outcomeOf(error: unknown): string {
  if (error instanceof InvalidCredentialsError) return 'invalid_credentials';
  if (error instanceof AccountLockedError) return 'locked';
  if (error instanceof LoginAttemptsBusyError) return 'busy';
  return error instanceof AuthStoreUnavailableError ? 'store_unavailable' : 'error';
}
