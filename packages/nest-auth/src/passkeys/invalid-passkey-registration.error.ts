import { HttpStatus } from '@nestjs/common';
import { AuthError } from '../errors/auth.errors';

/**
 * A registration answer that did not verify (spent or expired challenge, another origin or
 * rp_id, no user verification where it is required, a malformed attestation).
 */
export class InvalidPasskeyRegistrationError extends AuthError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super(
      'The passkey registration could not be verified; nothing was saved. Start again with ' +
        'POST /auth/passkeys/registration/options.',
    );
  }
}
