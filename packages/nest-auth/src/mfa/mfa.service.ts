import { Injectable } from '@nestjs/common';
import { AuthService } from '../login/auth.service';
import { AuthClock } from '../common/auth-clock';
import { CredentialsVerifier } from '../credentials/credentials-verifier';
import { AccountStateConflictError, InvalidMfaCodeError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { MfaDisabledEvent, MfaEnabledEvent, TokenRevokedEvent } from '../events/auth-events';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthConfig } from '../settings/auth-config';
import type { z } from 'zod';
import { MfaCodeVerifier } from './mfa-code-verifier';
import type { mfaStatusSchema, totpEnrolmentSchema } from './mfa-response.schemas';
import { MfaSecretCipher } from './mfa-secret-cipher';
import { type MfaEnrolment, MfaStore } from './mfa.store';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { generateTotpSecret, totpUri } from './totp';
import { totpQrCodeDataUrl } from './totp-qr-code';

export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/** A base32 secret, its `otpauth://totp/…` URI, and that URI as a PNG QR code data URL. */
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

/**
 * A user's own second factor: enrol, confirm, regenerate recovery codes, disable. Turning MFA on
 * or off ends every session of the user, this one included (like a password change): sessions
 * begun on the password alone end once a second factor guards the account, and a session that
 * survived a disable would outlive the decision that let it in.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly store: MfaStore,
    private readonly codes: MfaCodeVerifier,
    private readonly cipher: MfaSecretCipher,
    private readonly auth: AuthService,
    private readonly credentials: CredentialsVerifier,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher,
  ) {}

  async status(userId: string): Promise<MfaStatus> {
    const enrolment = await this.store.findEnrolment(userId);
    if (!enrolment?.enabledAt) return { enabled: false, recoveryCodesLeft: 0 };
    return { enabled: true, recoveryCodesLeft: await this.store.countRecoveryCodesLeft(userId) };
  }

  /**
   * Starts (or restarts, with a new secret) a pending enrolment.
   * @throws AccountStateConflictError (409) when MFA is already enabled
   */
  async enrol(userId: string): Promise<TotpEnrolment> {
    const user = await this.auth.getUser(userId);
    const secret = generateTotpSecret();
    const sealed = this.cipher.encrypt(secret, user.id);
    if (!(await this.store.startEnrolment(user.id, sealed, this.now()))) throw alreadyEnabled();
    this.log.decision({ event: 'mfa_enrol', outcome: 'success', userId: user.id });
    const otpauthUri = totpUri(secret, this.config.mfa.issuer, user.email);
    return { secret, otpauthUri, qrCodeDataUrl: await totpQrCodeDataUrl(otpauthUri) };
  }

  /**
   * Turns the pending enrolment on with the password and a first code, and returns the recovery
   * codes, shown once.
   * @throws InvalidCredentialsError (401), AccountLockedError (423), InvalidMfaCodeError (401),
   * AccountStateConflictError (409) when none is pending
   */
  async confirm(userId: string, password: string, code: string): Promise<string[]> {
    const user = await this.auth.getUser(userId);
    const enrolment = await this.store.findEnrolment(userId);
    if (!enrolment) throw new AccountStateConflictError(NOT_PENDING);
    if (enrolment.enabledAt) throw alreadyEnabled();
    await this.credentials.verify(user.email, password, 'mfa_confirm');
    const step = this.codes.matchPendingTotp(enrolment, code);
    if (step === null) {
      this.log.decision({ event: 'mfa_confirm', outcome: 'failure', userId });
      throw new InvalidMfaCodeError();
    }
    const recoveryCodes = generateRecoveryCodes();
    const hashes = recoveryCodes.map((c) => hashRecoveryCode(normalizeRecoveryCode(c)!));
    const enabled = await this.store.enable(
      userId,
      enrolment.sealedSecret,
      step,
      hashes,
      this.now(),
    );
    // A restart or another confirmation got there first: this secret is not the one enrolled.
    if (!enabled) throw new AccountStateConflictError(NOT_PENDING);
    await this.auth.endAllSessions(userId);
    this.events.publish(new MfaEnabledEvent(userId));
    this.events.publish(new TokenRevokedEvent(userId, 'mfa_change', null));
    this.log.decision({ event: 'mfa_confirm', outcome: 'success', userId });
    return recoveryCodes;
  }

  /**
   * @throws InvalidCredentialsError (401), InvalidMfaCodeError (401), AccountLockedError (423),
   * AccountStateConflictError (409) when MFA is not enabled
   */
  async disable(userId: string, password: string, code: string): Promise<void> {
    const user = await this.auth.getUser(userId);
    const enrolment = await this.enabledEnrolment(userId);
    await this.credentials.verify(user.email, password, 'mfa_disable');
    await this.codes.spend(user, enrolment, code, 'mfa_disable');
    await this.store.disable(userId);
    await this.auth.endAllSessions(userId);
    this.events.publish(new MfaDisabledEvent(userId));
    this.events.publish(new TokenRevokedEvent(userId, 'mfa_change', null));
    this.log.decision({ event: 'mfa_disable', outcome: 'success', userId });
  }

  /**
   * An operator's reset for a user who lost both the authenticator and the recovery codes (the
   * admin CLI, after verifying the person out of band): no password or code is asked. Ends every
   * session and publishes the same events as a disable by the user.
   * @returns false when MFA was not enabled (nothing changes, not even a pending enrolment)
   */
  async adminDisable(userId: string): Promise<boolean> {
    const enrolment = await this.store.findEnrolment(userId);
    if (!enrolment?.enabledAt) return false;
    // A racing disable that removed it first has ended the sessions itself.
    if (!(await this.store.disable(userId))) return false;
    await this.auth.endAllSessions(userId);
    this.events.publish(new MfaDisabledEvent(userId));
    this.events.publish(new TokenRevokedEvent(userId, 'mfa_change', null));
    this.log.decision({ event: 'mfa_disable', outcome: 'success', reason: 'admin', userId });
    return true;
  }

  /**
   * New recovery codes for a TOTP or recovery code; the old ones stop working.
   * @throws InvalidMfaCodeError (401), AccountLockedError (423), AccountStateConflictError (409)
   */
  async regenerateRecoveryCodes(userId: string, code: string): Promise<string[]> {
    const user = await this.auth.getUser(userId);
    const enrolment = await this.enabledEnrolment(userId);
    await this.codes.spend(user, enrolment, code, 'mfa_recovery_codes');
    const recoveryCodes = generateRecoveryCodes();
    const hashes = recoveryCodes.map((c) => hashRecoveryCode(normalizeRecoveryCode(c)!));
    if (!(await this.store.replaceRecoveryCodes(userId, hashes))) throw notEnabled();
    this.log.decision({ event: 'mfa_recovery_codes', outcome: 'success', userId });
    return recoveryCodes;
  }

  private async enabledEnrolment(userId: string): Promise<MfaEnrolment> {
    const enrolment = await this.store.findEnrolment(userId);
    if (!enrolment?.enabledAt) throw notEnabled();
    return enrolment;
  }

  private now(): Date {
    return new Date(this.clock.now());
  }
}

const NOT_PENDING = 'No TOTP enrolment is pending: start one with POST /auth/mfa/totp.';
const alreadyEnabled = () =>
  new AccountStateConflictError('MFA is already enabled: disable it first to enrol a new device.');
const notEnabled = () => new AccountStateConflictError('MFA is not enabled for this account.');
