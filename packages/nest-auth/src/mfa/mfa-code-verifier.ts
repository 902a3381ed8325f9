import { Injectable } from '@nestjs/common';
import { AuthClock } from '../common/auth-clock';
import { AccountLockedError, InvalidMfaCodeError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import {
  AccountLockedEvent,
  LoginFailedEvent,
  MfaRecoveryCodeUsedEvent,
} from '../events/auth-events';
import { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import { reserveLoginAttempt } from '../login-attempt-tracker/reserve-login-attempt';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthMetrics } from '../metrics/auth-metrics';
import type { AuthUser } from '../user-store/user-store';
import { mfaAttemptKey } from './mfa-challenge';
import { MfaSecretCipher } from './mfa-secret-cipher';
import { type MfaEnrolment, MfaStore } from './mfa.store';
import { hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { matchTotpStep } from './totp';

/** Which factor a code turned out to be. */
export type MfaFactor = 'totp' | 'recovery_code';

type CodeMatch = { factor: 'totp'; step: number } | { factor: 'recovery_code'; hash: string };

/**
 * Checks a TOTP or recovery code of an enabled enrolment and spends it, under the lockout:
 * an attempt is reserved before the code is looked at (so parallel guesses cannot exceed
 * `maxFailedAttempts`), a wrong code counts as a failed login of the user's email and of a
 * second-factor key that a correct password does not reset.
 */
@Injectable()
export class MfaCodeVerifier {
  constructor(
    private readonly store: MfaStore,
    private readonly cipher: MfaSecretCipher,
    private readonly tracker: LoginAttemptTracker,
    private readonly clock: AuthClock,
    private readonly metrics: AuthMetrics,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher,
  ) {}

  /**
   * @param beforeSpend runs once the code is known right and before it is spent; returning false
   * refuses the code (a login challenge a parallel request spent first)
   * @throws AccountLockedError (423), InvalidMfaCodeError (401)
   */
  async spend(
    user: AuthUser,
    enrolment: MfaEnrolment,
    code: string,
    event: string,
    beforeSpend?: () => Promise<boolean>,
  ): Promise<MfaFactor> {
    const keys = [mfaAttemptKey(user.id), user.email];
    await this.reserve(keys, user, event);
    const match = await this.releasingOnError(keys, () => this.match(enrolment, code));
    if (!match) return this.fail(keys, user, event, 'wrong_code');
    if (beforeSpend && !(await this.releasingOnError(keys, beforeSpend))) {
      // A parallel request with a right code spent the challenge: not a guess, so no failure.
      await this.succeed(keys);
      throw new InvalidMfaCodeError(CHALLENGE_GONE);
    }
    const consumed = await this.releasingOnError(keys, () => this.consume(user.id, match));
    if (!consumed) return this.fail(keys, user, event, 'replayed');
    await this.succeed(keys);
    this.log.decision({ event, outcome: 'success', userId: user.id, reason: match.factor });
    if (match.factor === 'recovery_code') {
      const left = await this.store.countRecoveryCodesLeft(user.id);
      this.events.publish(new MfaRecoveryCodeUsedEvent(user.id, left));
    }
    return match.factor;
  }

  /** The step a TOTP code belongs to for a pending enrolment (no lockout: nothing to gain). */
  matchPendingTotp(enrolment: MfaEnrolment, code: string): number | null {
    const secret = this.cipher.decrypt(enrolment.sealedSecret, enrolment.userId);
    return secret === null ? null : matchTotpStep(secret, code, this.clock.now(), null);
  }

  private async reserve(keys: string[], user: AuthUser, event: string): Promise<void> {
    const reserved: string[] = [];
    try {
      for (const key of keys) {
        await reserveLoginAttempt(this.tracker, key);
        reserved.push(key);
      }
    } catch (error) {
      // An attempt reserved on an earlier key is not left dangling: the code was never checked.
      await this.release(reserved);
      if (error instanceof AccountLockedError) {
        this.events.publish(new LoginFailedEvent(user.email, 'locked', user.id));
        this.log.decision({ event, outcome: 'refused', reason: 'locked', userId: user.id });
      }
      throw error;
    }
  }

  private async match(enrolment: MfaEnrolment, code: string): Promise<CodeMatch | null> {
    if (/^\d{6}$/.test(code)) {
      const secret = this.cipher.decrypt(enrolment.sealedSecret, enrolment.userId);
      if (secret === null) {
        // Never the secret: only that it no longer opens (secret_key changed without re-enrolment).
        this.log.warn('stored TOTP secret does not decrypt with the current secret_key', {
          userId: enrolment.userId,
          reason: 'unreadable_totp_secret',
        });
        return null;
      }
      const step = matchTotpStep(secret, code, this.clock.now(), enrolment.lastUsedStep);
      return step === null ? null : { factor: 'totp', step };
    }
    const canonical = normalizeRecoveryCode(code);
    if (canonical === null) return null;
    const hash = hashRecoveryCode(canonical);
    return (await this.store.hasRecoveryCode(enrolment.userId, hash))
      ? { factor: 'recovery_code', hash }
      : null;
  }

  /**
   * Runs a step before the code is decided; when it throws (a store is down), nothing was
   * decided, so the reserved attempts are given back before the error goes on.
   */
  private async releasingOnError<T>(keys: string[], step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await this.release(keys);
      throw error;
    }
  }

  /** Best effort: with the tracker down too, the slots lapse after `pendingAttemptSeconds`. */
  private async release(keys: string[]): Promise<void> {
    for (const key of keys) await this.tracker.release(key).catch(() => undefined);
  }

  private async succeed(keys: string[]): Promise<void> {
    for (const key of keys) await this.tracker.recordSuccess(key);
  }

  private consume(userId: string, match: CodeMatch): Promise<boolean> {
    return match.factor === 'totp'
      ? this.store.consumeStep(userId, match.step)
      : this.store.consumeRecoveryCode(userId, match.hash, new Date(this.clock.now()));
  }

  private async fail(
    keys: string[],
    user: AuthUser,
    event: string,
    reason: string,
  ): Promise<never> {
    let lockedNow = false;
    for (const key of keys) lockedNow = (await this.tracker.recordFailure(key)) || lockedNow;
    if (lockedNow) this.metrics.lockouts.inc();
    this.events.publish(new LoginFailedEvent(user.email, 'wrong_mfa_code', user.id));
    if (lockedNow) this.events.publish(new AccountLockedEvent(user.email));
    this.log.decision({ event, outcome: 'failure', reason, userId: user.id });
    throw new InvalidMfaCodeError();
  }
}

/** The answer for a challenge that is unknown, expired, spent or from another client. */
export const CHALLENGE_GONE =
  'The MFA challenge is unknown, expired or was already used: log in again for a new one.';
