import { InvalidTokenError } from '../errors/auth.errors';

/**
 * Decodes one JWS segment, accepting only its canonical base64url spelling (RFC 7515 §2: no
 * padding, no `+` `/`, no stray characters, unused trailing bits zero). Node's decoder skips
 * what it cannot read and ignores trailing bits, so many strings decode to the same bytes; one
 * spelling per token keeps tokens from being respelled past anything that compares them as text.
 * @throws InvalidTokenError (malformed) for any other spelling
 */
export function decodeCanonicalBase64url(segment: string): Buffer {
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) {
    throw new InvalidTokenError('The token is malformed.', 'malformed');
  }
  return bytes;
}
