import {
  JsonWebTokenError,
  NotBeforeError,
  TokenExpiredError as JwtExpiredError,
} from 'jsonwebtoken';
import {
  InvalidTokenError,
  TokenAudienceError,
  TokenExpiredError,
  type TokenError,
} from '../errors/auth.errors';

// jsonwebtoken tells its failures apart only by message text.
const REASONS: [RegExp, string, string][] = [
  [/^jwt issuer invalid/, 'issuer', 'The token was issued by someone else (iss).'],
  [
    /^invalid algorithm/,
    'algorithm',
    'The token is signed with an algorithm this server does not accept.',
  ],
  [/^invalid signature/, 'signature', 'The token signature is invalid.'],
  [
    /^jwt malformed|^invalid token|^jwt must be|^Unexpected token/,
    'malformed',
    'The token is malformed.',
  ],
  [/^jwt signature is required/, 'unsigned', 'Unsigned tokens are not accepted.'],
];

/** Maps a jsonwebtoken failure to the module's token errors. */
export function toTokenError(error: unknown): TokenError {
  if (error instanceof JwtExpiredError) return new TokenExpiredError();
  if (error instanceof NotBeforeError)
    return new InvalidTokenError('The token is not valid yet (nbf).', 'not_before');
  if (error instanceof JsonWebTokenError) {
    if (error.message.startsWith('jwt audience invalid')) return new TokenAudienceError();
    const known = REASONS.find(([pattern]) => pattern.test(error.message));
    if (known) return new InvalidTokenError(known[2], known[1]);
  }
  return new InvalidTokenError();
}
