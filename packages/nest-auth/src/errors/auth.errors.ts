import { HttpStatus } from '@nestjs/common';

/** One broken password rule, as sent in a 422 body's `violations`. */
export interface PolicyViolation {
  rule: string;
  message: string;
}

/**
 * Root of every error the auth module raises. Each subclass carries its HTTP status, so
 * `AuthExceptionFilter` reads the mapping from the error instead of keeping a table of its own.
 */
export abstract class AuthError extends Error {
  abstract readonly status: HttpStatus;
  /** Seconds until a retry can succeed; sent as `retryAfter` and the `Retry-After` header. */
  readonly retryAfter?: number;
  /** Set when the error answers a bearer-token check (RFC 6750 §3). */
  wwwAuthenticate?: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Wrong password, or unknown user: one body and one timing for both, so neither leaks. */
export class InvalidCredentialsError extends AuthError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor() {
    super('Invalid email or password.');
  }
}

/** Too many failed logins for one identifier; no password is checked until the lock ends. */
export class AccountLockedError extends AuthError {
  readonly status = HttpStatus.LOCKED;
  constructor(override readonly retryAfter: number) {
    super(
      `Account temporarily locked after repeated failed logins. Try again in ${retryAfter} s, ` +
        'or ask an administrator to clear the lockout.',
    );
  }
}

/** More login requests from one client than `loginRateLimit` allows. */
export class LoginRateLimitError extends AuthError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(override readonly retryAfter: number) {
    super(`Too many login requests. Try again in ${retryAfter} s.`);
  }
}

/**
 * Every attempt the identifier has left is being verified right now (parallel logins of one
 * account); the login waited a few seconds for one to finish, none did. Not a failure: retry.
 */
export class LoginAttemptsBusyError extends AuthError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(override readonly retryAfter = 1) {
    super(
      `Too many logins of this account are being checked at once. Try again in ${retryAfter} s.`,
    );
  }
}

/** Base of the errors a bearer or refresh token can fail with. */
export abstract class TokenError extends AuthError {
  readonly status = HttpStatus.UNAUTHORIZED;
  /** Short machine reason, used as the metrics label and in debug logs. */
  abstract readonly reason: string;
}

/** Missing, malformed, badly signed, wrong algorithm, wrong type or wrong issuer. */
export class InvalidTokenError extends TokenError {
  readonly reason: string;
  constructor(detail = 'The token is missing or invalid.', reason = 'invalid') {
    super(detail);
    this.reason = reason;
  }
}

/** `exp` is in the past beyond the configured leeway. */
export class TokenExpiredError extends TokenError {
  readonly reason = 'expired';
  constructor() {
    super('The token has expired. Use your refresh token to get a new one, or log in again.');
  }
}

/** `aud` does not name the audience this server requires (`token.required_audience`). */
export class TokenAudienceError extends TokenError {
  readonly reason = 'audience';
  constructor() {
    super(
      'The token was not issued for this service (audience mismatch). Check ' +
        'LEX_AUTH__TOKEN__REQUIRED_AUDIENCE against the aud claim your issuer mints.',
    );
  }
}

/** Revoked by logout, logout-all, a password change or refresh-token reuse. */
export class TokenBlacklistedError extends TokenError {
  readonly reason = 'blacklisted';
  constructor(detail = 'The token has been revoked. Log in again to get a new one.') {
    super(detail);
  }
}

/** The password breaks the policy; lists every broken rule at once. */
export class PasswordPolicyError extends AuthError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor(readonly violations: PolicyViolation[]) {
    super(`The password does not meet the policy: ${violations.map((v) => v.message).join(' ')}`);
  }
}

/** Registration with an email that already has an account. */
export class UserAlreadyExistsError extends AuthError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('An account with this email already exists. Log in, or reset the password.');
  }
}

/** The request body or query is malformed: bad JSON, wrong types, missing or unknown fields. */
export class RequestValidationError extends AuthError {
  readonly status = HttpStatus.BAD_REQUEST;
}

/**
 * A store the decision depends on (tracker, blacklist, user store) did not answer. The request
 * is refused (fail closed), never let through.
 */
export class AuthStoreUnavailableError extends AuthError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor(
    readonly store: string,
    cause?: unknown,
    override readonly retryAfter = 5,
  ) {
    super(`The ${store} is unavailable; the request was refused. Retry in ${retryAfter} s.`, {
      cause,
    });
  }
}

/** Authenticated, but the principal lacks a role or permission the route requires. */
export class InsufficientPermissionsError extends AuthError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor(detail = 'You do not have permission to do this.') {
    super(detail);
  }
}

/** `require_verified_email` is on and this account has not verified its email yet. */
export class EmailNotVerifiedError extends AuthError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super(
      'Verify your email address before logging in: follow the link we sent, or ask for a new one ' +
        'with POST /auth/verify-email/resend.',
    );
  }
}

/**
 * The password was right, and the account has a second factor: the login is not complete.
 * `mfaChallenge` goes to `POST /auth/mfa/verify` with a code, or, when `methods` lists
 * `passkey`, to `POST /auth/passkeys/authentication/options`.
 */
export class MfaRequiredError extends AuthError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor(
    readonly mfaChallenge: string,
    /** The second factors the user can answer with; `totp` always. */
    readonly methods: string[] = ['totp'],
  ) {
    super('A second factor is required: send the challenge and a code to POST /auth/mfa/verify.');
  }
}

/** A wrong, expired or already used TOTP or recovery code. */
export class InvalidMfaCodeError extends AuthError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor(detail = 'The code is wrong, expired or was already used.') {
    super(detail);
  }
}

/** A password-reset or email-verification token that is unknown, expired or already spent. */
export class InvalidOneTimeTokenError extends AuthError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('This link is invalid, has expired or was already used. Ask for a new one.');
  }
}

/** A request that conflicts with the account's current state (e.g. MFA already enabled). */
export class AccountStateConflictError extends AuthError {
  readonly status = HttpStatus.CONFLICT;
}

/** A session, API key or other owned resource that does not exist or is not the caller's. */
export class AuthResourceNotFoundError extends AuthError {
  readonly status = HttpStatus.NOT_FOUND;
}

/** A feature switched off by configuration (`mfa.enabled: false`, …): its routes answer 404. */
export class FeatureDisabledError extends AuthError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor(feature: string) {
    super(`${feature} is not enabled on this server.`);
  }
}
