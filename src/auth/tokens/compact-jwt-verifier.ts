import {
  createHmac,
  type KeyObject,
  timingSafeEqual,
  verify as verifySignature,
  type VerifyKeyObjectInput,
} from 'node:crypto';
import type { JwtAlgorithm } from '../settings/auth-settings';
import { InvalidTokenError } from '../errors/auth.errors';
import type { TokenKeyRing } from './token-key-ring';

/** A decoded, signature-checked JWS: its protected header and claims, not yet validated. */
export interface VerifiedJws {
  header: { typ?: unknown };
  payload: Record<string, unknown>;
}

type SignatureCheck = (data: string, signature: Buffer, key: KeyObject) => boolean;

const hmac =
  (hash: string): SignatureCheck =>
  (data, signature, key) => {
    const expected = createHmac(hash, key).update(data).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  };

const asymmetric =
  (hash: string | null, dsaEncoding?: 'ieee-p1363'): SignatureCheck =>
  (data, signature, key) => {
    const input: VerifyKeyObjectInput = dsaEncoding ? { key, dsaEncoding } : { key };
    return verifySignature(hash, Buffer.from(data), input, signature);
  };

const CHECKS: Record<JwtAlgorithm, SignatureCheck> = {
  HS256: hmac('sha256'),
  HS384: hmac('sha384'),
  HS512: hmac('sha512'),
  RS256: asymmetric('sha256'),
  ES256: asymmetric('sha256', 'ieee-p1363'),
  EdDSA: asymmetric(null),
};

// Headers a known key accepted, parsed once: the module mints only a handful (key × typ).
const HEADER_CACHE_LIMIT = 64;

/**
 * Synchronous JWS Compact verification for the one configured algorithm (RFC 7515, RFC 8725
 * §3.1): the header's `alg` must be it before any key is looked up, the key comes only from the
 * key ring by `kid` (never `jku`, `x5u` or an embedded `jwk`), a `crit` header is refused. No
 * promise and no thread-pool hop per request: an HMAC check costs a few microseconds, far less
 * than the round trip to libuv's pool that an async verify pays.
 */
export class CompactJwtVerifier {
  private readonly check: SignatureCheck;
  private readonly headers = new Map<string, { typ?: unknown; kid?: unknown }>();

  constructor(private readonly keys: TokenKeyRing) {
    this.check = CHECKS[keys.algorithm];
  }

  /** @throws InvalidTokenError (malformed, unsigned, algorithm, unknown_key, retired_key, signature) */
  verify(token: string, nowMs: number): VerifiedJws {
    const firstDot = token.indexOf('.');
    const lastDot = token.lastIndexOf('.');
    if (firstDot <= 0 || lastDot === firstDot || token.indexOf('.', firstDot + 1) !== lastDot) {
      throw malformed();
    }
    if (lastDot === token.length - 1) {
      throw new InvalidTokenError('Unsigned tokens are not accepted.', 'unsigned');
    }
    const headerPart = token.slice(0, firstDot);
    const header = this.headers.get(headerPart) ?? this.parseHeader(headerPart);
    const key = this.keys.keyFor(header.kid, nowMs);
    const signaturePart = token.slice(lastDot + 1);
    const signature = Buffer.from(signaturePart, 'base64url');
    // Node's base64url decoder skips stray characters and ignores trailing bits, so several
    // strings decode to one signature; only the canonical encoding is accepted (no malleable tokens).
    if (signature.toString('base64url') !== signaturePart) throw malformed();
    if (!this.signatureHolds(token.slice(0, lastDot), signature, key)) {
      throw new InvalidTokenError('The token signature is invalid.', 'signature');
    }
    this.remember(headerPart, header);
    return { header, payload: decodeObject(token.slice(firstDot + 1, lastDot)) };
  }

  /** A signature node:crypto cannot even read (wrong length, bad DER) is a bad signature, not a 500. */
  private signatureHolds(data: string, signature: Buffer, key: KeyObject): boolean {
    try {
      return this.check(data, signature, key);
    } catch {
      return false;
    }
  }

  private parseHeader(part: string): { typ?: unknown; kid?: unknown } {
    const header = decodeObject(part);
    if (typeof header.alg !== 'string') throw malformed();
    if (header.alg !== this.keys.algorithm) {
      throw new InvalidTokenError(
        'The token is signed with an algorithm this server does not accept.',
        'algorithm',
      );
    }
    if (header.crit !== undefined || header.b64 !== undefined) {
      throw new InvalidTokenError(
        'The token uses a feature this server does not support.',
        'malformed',
      );
    }
    return header;
  }

  private remember(part: string, header: { typ?: unknown; kid?: unknown }): void {
    if (this.headers.size < HEADER_CACHE_LIMIT) this.headers.set(part, header);
  }
}

const malformed = () => new InvalidTokenError('The token is malformed.', 'malformed');

function decodeObject(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed();
  return value as Record<string, unknown>;
}
