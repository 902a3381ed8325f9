import { Injectable } from '@nestjs/common';
import type {
  AuthenticatorTransport,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { AuthService } from '../login/auth.service';
import { AuthClock } from '../common/auth-clock';
import type { ClientInfo } from '../common/client-info';
import { EmailNotVerifiedError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { clientBindingOf, sameDigest, sha256Hex } from '../mfa/mfa-challenge';
import { MfaStore } from '../mfa/mfa.store';
import { AuthConfig } from '../settings/auth-config';
import type { TokenPair } from '../tokens/token-claims';
import { PasskeyAssertionVerifier, type VerifiedAssertion } from './passkey-assertion-verifier';
import { PasskeyChallenges } from './passkey-challenges';
import { PasskeyLoginSucceededEvent } from './passkey.events';
import type { AuthenticationOptionsRequest, AuthenticationVerifyRequest } from './passkey.schemas';
import type { PasskeyChallengeRecord } from './passkey-store';
import { PasskeyStore } from './passkey-store';
import { PasskeysFeature } from './passkeys-feature';
import { webauthnLibrary } from './webauthn-library';

/** Request options plus the id the answer must come back with. */
export type PasskeyRequestOptions = PublicKeyCredentialRequestOptionsJSON & { challengeId: string };

/**
 * Signs a user in with a passkey: on its own (a discoverable credential, no username), or as the
 * second factor of a password login that answered MfaRequiredError.
 */
@Injectable()
export class PasskeyAuthenticationService {
  constructor(
    private readonly feature: PasskeysFeature,
    private readonly challenges: PasskeyChallenges,
    private readonly assertions: PasskeyAssertionVerifier,
    private readonly store: PasskeyStore,
    private readonly mfa: MfaStore,
    private readonly auth: AuthService,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher,
  ) {}

  /**
   * `{}`: options for any passkey of this site. `{mfaChallenge}`: options for the passkeys of the
   * user whose password login is waiting for its second factor.
   * @throws FeatureDisabledError (404) when that use of passkeys is off; InvalidPasskeyError (401)
   *   for an MFA challenge that is unknown, expired, from another client, or of a user without passkeys
   */
  async options(
    body: AuthenticationOptionsRequest,
    client: ClientInfo,
  ): Promise<PasskeyRequestOptions> {
    if (body.mfaChallenge === undefined) {
      const rp = this.feature.requireFirstFactor();
      const { challenge, challengeId } = await this.challenges.issue('authentication', null);
      return { ...(await this.requestOptions(rp.rpId, challenge, [])), challengeId };
    }
    const rp = this.feature.requireSecondFactor();
    const mfaHash = sha256Hex(body.mfaChallenge);
    const userId = await this.liveMfaChallengeUser(mfaHash, client);
    const passkeys = userId ? await this.store.listByUser(userId) : [];
    if (!userId || passkeys.length === 0) throw this.assertions.refuse('mfa_challenge_gone');
    const { challenge, challengeId } = await this.challenges.issue(
      'second_factor',
      userId,
      mfaHash,
    );
    const allow = passkeys.map((p) => ({
      id: p.credentialId,
      transports: p.transports as AuthenticatorTransport[],
    }));
    return { ...(await this.requestOptions(rp.rpId, challenge, allow)), challengeId };
  }

  /**
   * Verifies the answer and starts a session. The challenge is spent first, whatever follows.
   * @throws InvalidPasskeyError (401), AccountLockedError (423), MfaRequiredError (401) when the
   *   authenticator did not verify the person and the user has TOTP on, EmailNotVerifiedError (403)
   */
  async verify(body: AuthenticationVerifyRequest, client: ClientInfo): Promise<TokenPair> {
    const rp = this.feature.require();
    const challenge = await this.challenges.spend(body.challengeId);
    if (!challenge || challenge.purpose === 'registration') {
      throw this.assertions.refuse('challenge_unknown');
    }
    if (challenge.purpose === 'second_factor') this.feature.requireSecondFactor();
    else this.feature.requireFirstFactor();
    const verified = await this.assertions.verify(challenge, body.response, rp);
    return challenge.purpose === 'second_factor'
      ? this.completeSecondFactor(challenge, verified, client)
      : this.completeFirstFactor(verified, client);
  }

  /**
   * With user verification the passkey is two factors in one (something you have, and a PIN or
   * biometric): the session starts. Without it, the login goes through the MFA step like a password.
   */
  private async completeFirstFactor(v: VerifiedAssertion, client: ClientInfo): Promise<TokenPair> {
    if (!v.userVerified) {
      const pair = await this.auth.completeLogin(v.user, client);
      this.succeeded(v, 'first');
      return pair;
    }
    if (this.config.requireVerifiedEmail && !v.user.emailVerifiedAt) {
      this.log.decision({
        event: 'passkey_login',
        outcome: 'refused',
        reason: 'email_not_verified',
        userId: v.user.id,
      });
      throw new EmailNotVerifiedError();
    }
    const pair = await this.auth.startSession(v.user, client);
    this.succeeded(v, 'first');
    return pair;
  }

  /** Spends the password login's MFA challenge, so it starts one session at most. */
  private async completeSecondFactor(
    challenge: PasskeyChallengeRecord,
    v: VerifiedAssertion,
    client: ClientInfo,
  ): Promise<TokenPair> {
    const mfaHash = challenge.mfaChallengeHash ?? '';
    const userId = await this.liveMfaChallengeUser(mfaHash, client);
    const now = new Date(this.clock.now());
    if (userId !== v.user.id || !(await this.mfa.consumeChallenge(mfaHash, now))) {
      throw this.assertions.refuse('mfa_challenge_gone', v.passkey);
    }
    const pair = await this.auth.startSession(v.user, client);
    this.succeeded(v, 'second');
    return pair;
  }

  /** The user of a live MFA challenge made from this client, or null. */
  private async liveMfaChallengeUser(mfaHash: string, client: ClientInfo): Promise<string | null> {
    const record = await this.mfa.findChallenge(mfaHash, new Date(this.clock.now()));
    if (!record || !sameDigest(record.clientHash, clientBindingOf(client))) return null;
    return record.userId;
  }

  private succeeded(v: VerifiedAssertion, factor: 'first' | 'second'): void {
    this.events.publish(new PasskeyLoginSucceededEvent(v.user.id, v.passkey.id, factor));
  }

  private async requestOptions(
    rpID: string,
    challenge: Uint8Array<ArrayBuffer>,
    allowCredentials: { id: string; transports: AuthenticatorTransport[] }[],
  ): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const { generateAuthenticationOptions } = await webauthnLibrary();
    return generateAuthenticationOptions({
      rpID,
      challenge,
      allowCredentials,
      userVerification: this.config.passkeys.userVerification,
      timeout: this.config.passkeys.challengeTtlSeconds * 1000,
    });
  }
}
