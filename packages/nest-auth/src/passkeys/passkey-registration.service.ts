import { Injectable } from '@nestjs/common';
import type {
  AuthenticatorTransport,
  PublicKeyCredentialCreationOptionsJSON,
  VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import { randomUUID } from 'node:crypto';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { requireAccessToken } from '../authenticator/require-access-token';
import { AuthClock } from '../common/auth-clock';
import { AccountStateConflictError, AuthError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthConfig } from '../settings/auth-config';
import { type AuthUser, UserStore } from '../user-store/user-store';
import { InvalidPasskeyRegistrationError } from './invalid-passkey-registration.error';
import { PasskeyChallenges } from './passkey-challenges';
import { PasskeyRegisteredEvent } from './passkey.events';
import type { RegistrationVerifyRequest } from './passkey.schemas';
import { type PasskeyRecord, PasskeyStore } from './passkey-store';
import { type PasskeyView, toPasskeyView } from './passkey-view';
import { PasskeysFeature } from './passkeys-feature';
import { userHandleOf } from './user-handle';
import { webauthnLibrary } from './webauthn-library';

/** Adds a passkey to the signed-in user's account: the options, then the verified answer. */
@Injectable()
export class PasskeyRegistrationService {
  constructor(
    private readonly feature: PasskeysFeature,
    private readonly challenges: PasskeyChallenges,
    private readonly store: PasskeyStore,
    private readonly users: UserStore,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher,
  ) {}

  /**
   * Options for `navigator.credentials.create()`: a discoverable credential, the user
   * verification policy, and the user's passkeys excluded so one authenticator registers once.
   * @throws FeatureDisabledError (404), InsufficientPermissionsError (403) for an API key,
   *   AccountStateConflictError (409) at `passkeys.max_per_user`
   */
  async options(principal: AuthPrincipal): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const rp = this.feature.require();
    requireAccessToken(principal, 'Passkeys');
    const user = await this.requireUser(principal.userId);
    const existing = await this.store.listByUser(user.id);
    if (existing.length >= this.config.passkeys.maxPerUser) throw this.limitReached();
    const { challenge } = await this.challenges.issue('registration', user.id);
    const { generateRegistrationOptions } = await webauthnLibrary();
    return generateRegistrationOptions({
      ...{ rpName: rp.rpName, rpID: rp.rpId, challenge },
      ...{ userName: user.email, userDisplayName: user.email, userID: userHandleOf(user.id) },
      timeout: this.config.passkeys.challengeTtlSeconds * 1000,
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({
        id: p.credentialId,
        transports: p.transports as AuthenticatorTransport[],
      })),
      authenticatorSelection: {
        residentKey: 'required',
        requireResidentKey: true,
        userVerification: this.config.passkeys.userVerification,
      },
    });
  }

  /**
   * Verifies the authenticator's answer and saves the passkey. The challenge is spent whatever
   * the outcome, so an answer is never checked twice.
   * @throws InvalidPasskeyRegistrationError (400), AccountStateConflictError (409) for a passkey
   *   already registered or past the limit
   */
  async verify(principal: AuthPrincipal, body: RegistrationVerifyRequest): Promise<PasskeyView> {
    const rp = this.feature.require();
    requireAccessToken(principal, 'Passkeys');
    const user = await this.requireUser(principal.userId);
    const verified = await this.verifyResponse(user, body, rp);
    const record = this.recordOf(user, body, verified);
    const result = await this.store.insert(record, this.config.passkeys.maxPerUser);
    if (result === 'limit_reached') throw this.limitReached();
    if (result === 'credential_taken') {
      throw new AccountStateConflictError('This passkey is already registered.');
    }
    this.log.decision({ event: 'passkey_register', outcome: 'success', userId: user.id });
    this.events.publish(new PasskeyRegisteredEvent(user.id, record.id));
    return toPasskeyView(record);
  }

  private async verifyResponse(
    user: AuthUser,
    body: RegistrationVerifyRequest,
    rp: { rpId: string; origins: string[] },
  ): Promise<Extract<VerifiedRegistrationResponse, { verified: true }>> {
    const { verifyRegistrationResponse } = await webauthnLibrary();
    try {
      const result = await verifyRegistrationResponse({
        response: body.response,
        expectedChallenge: (c) => this.challenges.spendForRegistration(c, user.id),
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        requireUserVerification: this.feature.requiresUserVerification,
      });
      if (result.verified) return result;
    } catch (error) {
      // A store outage (503) stays what it is; anything the library refused is a bad answer.
      if (error instanceof AuthError) throw error;
    }
    this.log.decision({ event: 'passkey_register', outcome: 'failure', userId: user.id });
    throw new InvalidPasskeyRegistrationError();
  }

  private recordOf(
    user: AuthUser,
    body: RegistrationVerifyRequest,
    { registrationInfo: info }: Extract<VerifiedRegistrationResponse, { verified: true }>,
  ): PasskeyRecord {
    return {
      id: randomUUID(),
      userId: user.id,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: info.credential.transports ?? body.response.response.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      name: body.name ?? 'Passkey',
      createdAt: new Date(this.clock.now()),
      lastUsedAt: null,
    };
  }

  private async requireUser(userId: string): Promise<AuthUser> {
    const user = await this.users.findById(userId);
    // The token outlived its account: nothing to attach a passkey to.
    if (!user) throw new InvalidPasskeyRegistrationError();
    return user;
  }

  private limitReached(): AccountStateConflictError {
    return new AccountStateConflictError(
      `You already have ${this.config.passkeys.maxPerUser} passkeys: delete one first.`,
    );
  }
}
