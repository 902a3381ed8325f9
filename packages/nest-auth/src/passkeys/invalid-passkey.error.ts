import { HttpStatus } from '@nestjs/common';
import { AuthError } from '../errors/auth.errors';

/**
 * A passkey sign-in that did not verify: unknown or removed credential, bad signature, a
 * challenge that is unknown, spent or expired, another origin or rp_id, no user verification
 * where it is required, or a counter that says the credential was cloned. One body for all, as
 * InvalidCredentialsError has, so the answer tells an attacker nothing.
 */
export class InvalidPasskeyError extends AuthError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor() {
    super(
      'The passkey could not be verified: it may be unknown or removed, or the sign-in expired. ' +
        'Start again with POST /auth/passkeys/authentication/options, or sign in another way.',
    );
  }
}
