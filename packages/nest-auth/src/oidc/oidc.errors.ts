import { HttpStatus } from '@nestjs/common';
import { AuthError } from '../errors/auth.errors';

/** No provider of `oidc.providers` has this id. */
export class OidcProviderNotFoundError extends AuthError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor(id: string) {
    super(
      `No sign-in provider "${id.slice(0, 40)}" is configured. GET /auth/oidc/providers lists them.`,
    );
  }
}

/** The provider could not be reached or answered nonsense (discovery, token or userinfo). */
export class OidcProviderUnavailableError extends AuthError {
  readonly status = HttpStatus.BAD_GATEWAY;
  constructor(id: string, options?: { cause?: unknown }) {
    super(`The sign-in provider "${id}" could not be reached. Try again later.`, options);
  }
}

/**
 * Why a sign-in through a provider was refused. The callback sends the browser to the post-login
 * page with `?oidc_error=` set to it; `POST /auth/oidc/token` answers it as JSON.
 */
export type OidcRefusal =
  | 'invalid_state'
  | 'provider_error'
  | 'invalid_response'
  | 'account_conflict'
  | 'identity_linked_elsewhere'
  | 'account_creation_refused'
  | 'invalid_login_code';

const MESSAGES: Record<OidcRefusal, string> = {
  invalid_state:
    'This sign-in was not started here, has expired or was already finished. Start it again.',
  provider_error: 'The provider refused the sign-in.',
  invalid_response: 'The provider answered with a response that failed validation.',
  account_conflict:
    'An account with this email exists. Sign in with it first, then link this provider from your account.',
  identity_linked_elsewhere: 'This external identity is already linked to another account.',
  account_creation_refused:
    'No account is linked to this identity, and this server does not create one for it.',
  invalid_login_code: 'The login code is invalid, has expired or was already used. Sign in again.',
};

const STATUS: Record<OidcRefusal, HttpStatus> = {
  invalid_state: HttpStatus.BAD_REQUEST,
  provider_error: HttpStatus.BAD_REQUEST,
  invalid_response: HttpStatus.BAD_REQUEST,
  account_conflict: HttpStatus.CONFLICT,
  identity_linked_elsewhere: HttpStatus.CONFLICT,
  account_creation_refused: HttpStatus.FORBIDDEN,
  invalid_login_code: HttpStatus.BAD_REQUEST,
};

/** A refused external sign-in or link, with its machine-readable `reason`. */
export class OidcLoginRefusedError extends AuthError {
  readonly status: HttpStatus;
  constructor(
    readonly reason: OidcRefusal,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[reason], options);
    this.status = STATUS[reason];
  }
}

/** Unlinking would leave the account with no way to sign in (no password, no other identity). */
export class LastSignInMethodError extends AuthError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super(
      "This is the account's only way to sign in. Link another provider or set a password (POST /auth/password/forgot) first.",
    );
  }
}
