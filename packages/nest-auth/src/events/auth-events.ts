/**
 * The audit events the auth module emits through `@nestjs/event-emitter`, by name. Payloads carry
 * who and what, never a password, a token or a hash. A host subscribes with
 * `@OnEvent(AUTH_EVENTS.loginFailed)`.
 */
export const AUTH_EVENTS = {
  userRegistered: 'auth.user.registered',
  loginSucceeded: 'auth.login.succeeded',
  loginFailed: 'auth.login.failed',
  accountLocked: 'auth.account.locked',
  tokenRefreshed: 'auth.token.refreshed',
  tokenReuseDetected: 'auth.token.reuse-detected',
  tokenRevoked: 'auth.token.revoked',
  passwordChanged: 'auth.password.changed',
  mfaEnabled: 'auth.mfa.enabled',
  mfaDisabled: 'auth.mfa.disabled',
  mfaRecoveryCodeUsed: 'auth.mfa.recovery-code-used',
  externalLoginSucceeded: 'auth.oidc.login-succeeded',
  externalLoginFailed: 'auth.oidc.login-failed',
  externalIdentityLinked: 'auth.oidc.identity-linked',
  externalIdentityUnlinked: 'auth.oidc.identity-unlinked',
  passkeyRegistered: 'auth.passkey.registered',
  passkeyRenamed: 'auth.passkey.renamed',
  passkeyDeleted: 'auth.passkey.deleted',
  passkeyLoginSucceeded: 'auth.passkey.login-succeeded',
  passkeyLoginFailed: 'auth.passkey.login-failed',
  passkeyCloneSuspected: 'auth.passkey.clone-suspected',
} as const;

export type AuthEventName = (typeof AUTH_EVENTS)[keyof typeof AUTH_EVENTS];

/** Fields every audit event has. */
export abstract class AuthEvent {
  /** When the event was emitted. */
  readonly occurredAt: Date = new Date();
  abstract readonly name: AuthEventName;
}

/** `auth.user.registered`: an account was created. */
export class UserRegisteredEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.userRegistered;
  constructor(
    readonly userId: string,
    /** Normalised. */
    readonly email: string,
  ) {
    super();
  }
}

/**
 * `auth.login.succeeded`: the password was right (also for a password change's check). With MFA
 * on, this is the first factor: the session starts only after `POST /auth/mfa/verify`, and a
 * wrong code then publishes `auth.login.failed` with reason `wrong_mfa_code`.
 */
export class LoginSucceededEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.loginSucceeded;
  constructor(
    readonly userId: string,
    readonly email: string,
  ) {
    super();
  }
}

/** Why a login failed; the HTTP answer is the same 401 for the first three. */
export type LoginFailureReason =
  | 'wrong_password'
  | 'unknown_user'
  | 'unreadable_hash'
  | 'locked'
  | 'busy'
  | 'store_unavailable'
  | 'wrong_mfa_code';

/** `auth.login.failed`: refused, with the reason (which the client is never told). */
export class LoginFailedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.loginFailed;
  constructor(
    /** The normalised identifier tried; it may belong to no account. */
    readonly email: string,
    readonly reason: LoginFailureReason,
    /** Set when the identifier is a known user. */
    readonly userId: string | null = null,
  ) {
    super();
  }
}

/** `auth.account.locked`: this failure started a lock. */
export class AccountLockedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.accountLocked;
  constructor(readonly email: string) {
    super();
  }
}

/** `auth.token.refreshed`: a refresh token was spent for a new pair of the same session. */
export class TokenRefreshedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.tokenRefreshed;
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}

/** `auth.token.reuse-detected`: a spent refresh token came back; its session was revoked. */
export class TokenReuseDetectedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.tokenReuseDetected;
  constructor(
    readonly userId: string,
    readonly sessionId: string,
  ) {
    super();
  }
}

/** What a revocation covered and why. */
export type TokenRevocationCause =
  | 'logout'
  | 'logout_all'
  | 'password_change'
  | 'reuse_detected'
  /** `DELETE /auth/sessions/:id`. */
  | 'session_revoked'
  /** A login beyond `max_sessions_per_user` ended the least recently used session. */
  | 'session_evicted'
  /** `POST /auth/password/reset`: every token of the user. */
  | 'password_reset'
  /** MFA switched on or off: every token of the user, as a second factor now guards (or not) them. */
  | 'mfa_change';

/** `auth.token.revoked`: one session (`sessionId` set) or every token of the user was revoked. */
export class TokenRevokedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.tokenRevoked;
  constructor(
    readonly userId: string,
    readonly cause: TokenRevocationCause,
    /** The revoked session, or null when every token of the user was revoked. */
    readonly sessionId: string | null,
  ) {
    super();
  }
}

/** `auth.password.changed`: the user changed their password; earlier tokens are revoked. */
export class PasswordChangedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.passwordChanged;
  constructor(readonly userId: string) {
    super();
  }
}

/** `auth.mfa.enabled`: the user confirmed a TOTP enrolment; every earlier session was ended. */
export class MfaEnabledEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.mfaEnabled;
  constructor(readonly userId: string) {
    super();
  }
}

/** `auth.mfa.disabled`: the user turned TOTP off (password and code checked). */
export class MfaDisabledEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.mfaDisabled;
  constructor(readonly userId: string) {
    super();
  }
}

/** `auth.mfa.recovery-code-used`: a recovery code was spent; `codesLeft` remain. */
export class MfaRecoveryCodeUsedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.mfaRecoveryCodeUsed;
  constructor(
    readonly userId: string,
    readonly codesLeft: number,
  ) {
    super();
  }
}
