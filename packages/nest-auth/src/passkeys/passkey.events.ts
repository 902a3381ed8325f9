import { AUTH_EVENTS, AuthEvent } from '../events/auth-events';

/** `auth.passkey.registered`: a user added a passkey. */
export class PasskeyRegisteredEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.passkeyRegistered;
  constructor(
    readonly userId: string,
    readonly passkeyId: string,
  ) {
    super();
  }
}

/** `auth.passkey.renamed`. */
export class PasskeyRenamedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.passkeyRenamed;
  constructor(
    readonly userId: string,
    readonly passkeyId: string,
  ) {
    super();
  }
}

/** `auth.passkey.deleted`: the passkey signs nobody in from now on. */
export class PasskeyDeletedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.passkeyDeleted;
  constructor(
    readonly userId: string,
    readonly passkeyId: string,
  ) {
    super();
  }
}

/** Which step of a login a passkey answered. */
export type PasskeyFactor = 'first' | 'second';

/** `auth.passkey.login-succeeded`: a passkey signed a user in, or completed the MFA step. */
export class PasskeyLoginSucceededEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.passkeyLoginSucceeded;
  constructor(
    readonly userId: string,
    readonly passkeyId: string,
    readonly factor: PasskeyFactor,
  ) {
    super();
  }
}

/** Why a passkey sign-in was refused; the client gets the same 401 for each. */
export type PasskeyLoginFailureReason =
  | 'challenge_unknown'
  | 'credential_unknown'
  | 'credential_mismatch'
  | 'assertion_invalid'
  | 'clone_suspected'
  | 'mfa_challenge_gone';

/** `auth.passkey.login-failed`, with the reason (which the client is never told). */
export class PasskeyLoginFailedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.passkeyLoginFailed;
  constructor(
    readonly reason: PasskeyLoginFailureReason,
    /** Set when the credential belongs to a known user. */
    readonly userId: string | null = null,
    readonly passkeyId: string | null = null,
  ) {
    super();
  }
}

/**
 * `auth.passkey.clone-suspected`: a signature counter did not grow, so two copies of one
 * credential may exist. The sign-in was refused and the stored counter kept.
 */
export class PasskeyCloneSuspectedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.passkeyCloneSuspected;
  constructor(
    readonly userId: string,
    readonly passkeyId: string,
    readonly storedCounter: number,
    readonly presentedCounter: number,
  ) {
    super();
  }
}
