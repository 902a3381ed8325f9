import { errors } from 'jose';
import {
  InvalidTokenError,
  TokenAudienceError,
  TokenError,
  TokenExpiredError,
} from '../errors/auth.errors';

// jose error codes → [metrics reason, message].
const BY_CODE: Record<string, [string, string]> = {
  ERR_JOSE_ALG_NOT_ALLOWED: [
    'algorithm',
    'The token is signed with an algorithm this server does not accept.',
  ],
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: ['signature', 'The token signature is invalid.'],
  ERR_JWS_INVALID: ['malformed', 'The token is malformed.'],
  ERR_JWT_INVALID: ['malformed', 'The token is malformed.'],
  ERR_JOSE_NOT_SUPPORTED: ['malformed', 'The token uses a feature this server does not support.'],
};

// Claims jose checks itself; the others (sub, sid, …) are checked after it.
const BY_CLAIM: Record<string, [string, string]> = {
  iss: ['issuer', 'The token was issued by someone else (iss).'],
  nbf: ['not_before', 'The token is not valid yet (nbf).'],
  exp: ['no_exp', 'The token has no valid expiry (exp).'],
};

/** Maps a jose failure (or our own key lookup's) to the module's token errors. */
export function toTokenError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenExpiredError();
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new TokenAudienceError();
    const [reason, message] = BY_CLAIM[error.claim] ?? [
      'claims',
      'The token has an invalid claim.',
    ];
    return new InvalidTokenError(message, reason);
  }
  if (error instanceof errors.JOSEError) {
    const known = BY_CODE[error.code];
    if (known) return new InvalidTokenError(known[1], known[0]);
  }
  return new InvalidTokenError();
}
