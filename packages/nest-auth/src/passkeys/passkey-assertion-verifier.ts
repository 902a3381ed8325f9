import { Injectable } from '@nestjs/common';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { AuthClock } from '../common/auth-clock';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { AuthError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import { reserveLoginAttempt } from '../login-attempt-tracker/reserve-login-attempt';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { type AuthUser, UserStore } from '../user-store/user-store';
import { InvalidPasskeyError } from './invalid-passkey.error';
import { PasskeyChallenges } from './passkey-challenges';
import {
  PasskeyCloneSuspectedEvent,
  PasskeyLoginFailedEvent,
  type PasskeyLoginFailureReason,
} from './passkey.events';
import { type PasskeyChallengeRecord, type PasskeyRecord, PasskeyStore } from './passkey-store';
import type { RelyingParty } from './passkey-relying-party';
import { PasskeysFeature } from './passkeys-feature';
import { userIdOfHandle } from './user-handle';
import { webauthnLibrary } from './webauthn-library';

/** An assertion that verified: whose passkey, and whether the person was verified. */
export interface VerifiedAssertion {
  user: AuthUser;
  passkey: PasskeyRecord;
  userVerified: boolean;
}

/**
 * Checks a sign-in assertion against a spent challenge: the credential, its owner, the signature
 * (origin, rp_id, user verification, by @simplewebauthn/server) and the signature counter. The
 * owner's lockout applies as for a password: a locked account is refused (423), a bad signature
 * counts as a failed attempt, a good one resets the count.
 */
@Injectable()
export class PasskeyAssertionVerifier {
  constructor(
    private readonly feature: PasskeysFeature,
    private readonly challenges: PasskeyChallenges,
    private readonly store: PasskeyStore,
    private readonly users: UserStore,
    private readonly tracker: LoginAttemptTracker,
    private readonly clock: AuthClock,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher,
  ) {}

  /** @throws InvalidPasskeyError (401), AccountLockedError (423), AuthStoreUnavailableError (503) */
  async verify(
    challenge: PasskeyChallengeRecord,
    response: AuthenticationResponseJSON,
    rp: RelyingParty,
  ): Promise<VerifiedAssertion> {
    const passkey = await this.store.findByCredentialId(response.id);
    if (!passkey) throw this.refuse('credential_unknown');
    const owner = response.response.userHandle;
    const foreign = challenge.userId !== null && challenge.userId !== passkey.userId;
    if (foreign || (owner !== undefined && userIdOfHandle(owner) !== passkey.userId)) {
      throw this.refuse('credential_mismatch', passkey);
    }
    const user = await this.users.findById(passkey.userId);
    if (!user) throw this.refuse('credential_unknown', passkey);
    return this.underLockout(user, passkey, () =>
      this.checkSignature(challenge, response, rp, user, passkey),
    );
  }

  /** Reserves an attempt of the owner's identifier, and reports how the check ended. */
  private async underLockout(
    user: AuthUser,
    passkey: PasskeyRecord,
    check: () => Promise<VerifiedAssertion>,
  ): Promise<VerifiedAssertion> {
    const email = normalizeIdentifier(user.email);
    await reserveLoginAttempt(this.tracker, email);
    let verified: VerifiedAssertion;
    try {
      verified = await check();
    } catch (error) {
      if (error instanceof InvalidPasskeyError) await this.tracker.recordFailure(email);
      else await this.tracker.release(email).catch(() => undefined);
      throw error;
    }
    await this.tracker.recordSuccess(email);
    this.log.decision({ event: 'passkey_login', outcome: 'success', userId: passkey.userId });
    return verified;
  }

  private async checkSignature(
    challenge: PasskeyChallengeRecord,
    response: AuthenticationResponseJSON,
    rp: RelyingParty,
    user: AuthUser,
    passkey: PasskeyRecord,
  ): Promise<VerifiedAssertion> {
    const { verifyAuthenticationResponse } = await webauthnLibrary();
    let info;
    try {
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: (c) => this.challenges.matches(challenge, c),
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        // The counter is checked below, where a clone signal can be told from a bad signature.
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: 0,
          transports: passkey.transports,
        },
        requireUserVerification: this.feature.requiresUserVerification,
      });
      if (!result.verified) throw this.refuse('assertion_invalid', passkey);
      info = result.authenticationInfo;
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw this.refuse('assertion_invalid', passkey);
    }
    await this.advanceCounter(passkey, info.newCounter, info.credentialBackedUp);
    return { user, passkey, userVerified: info.userVerified };
  }

  /**
   * A counter that does not grow (when either side is non-zero) means two authenticators may hold
   * the credential: refused, audited, and the stored counter is left as it was.
   */
  private async advanceCounter(
    passkey: PasskeyRecord,
    counter: number,
    backedUp: boolean,
  ): Promise<void> {
    const stale = (counter > 0 || passkey.counter > 0) && counter <= passkey.counter;
    const now = new Date(this.clock.now());
    if (!stale && (await this.store.recordUse(passkey.id, counter, backedUp, now))) return;
    this.events.publish(
      new PasskeyCloneSuspectedEvent(passkey.userId, passkey.id, passkey.counter, counter),
    );
    this.log.warn('passkey signature counter did not grow: possible cloned authenticator', {
      event: 'passkey_login',
      userId: passkey.userId,
      reason: 'clone_suspected',
    });
    throw this.refuse('clone_suspected', passkey);
  }

  /** Logs and audits a refusal; the client gets one InvalidPasskeyError for every reason. */
  refuse(reason: PasskeyLoginFailureReason, passkey?: PasskeyRecord): InvalidPasskeyError {
    const userId = passkey?.userId ?? null;
    this.events.publish(new PasskeyLoginFailedEvent(reason, userId, passkey?.id ?? null));
    this.log.decision({
      event: 'passkey_login',
      outcome: 'failure',
      reason,
      ...(userId ? { userId } : {}),
    });
    return new InvalidPasskeyError();
  }
}
