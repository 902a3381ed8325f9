import type { KeyObject } from 'node:crypto';
import { InvalidTokenError } from '../errors/auth.errors';
import { decodeCanonicalBase64url } from './canonical-base64url';
import { ACCEPTED_HEADER_ALGORITHMS, SIGNATURE_CHECKS } from './jws-signature-checks';
import type { TokenKeyRing } from './token-key-ring';

/** The protected header members the module reads. */
export interface JwsHeader {
  alg: string;
  typ?: unknown;
  kid?: unknown;
}

/** A decoded, signature-checked JWS: its protected header and claims, not yet validated. */
export interface VerifiedJws {
  header: JwsHeader;
  payload: Record<string, unknown>;
}

// Headers a known key accepted, parsed once: the module mints only a handful (key × typ).
const HEADER_CACHE_LIMIT = 64;

/**
 * Synchronous JWS Compact verification for the one configured algorithm (RFC 7515, RFC 8725
 * §3.1): the header's `alg` must be it before any key is looked up, the key comes only from the
 * key ring by `kid` (never `jku`, `x5u` or an embedded `jwk`), a `crit` header is refused. Each
 * segment must be canonical base64url and an ES256 signature low-S, so a token has one spelling.
 * No promise and no thread-pool hop per request: an HMAC check costs a few microseconds, far
 * less than the round trip to libuv's pool that an async verify pays.
 */
export class CompactJwtVerifier {
  private readonly accepted: readonly string[];
  private readonly headers = new Map<string, JwsHeader>();

  constructor(private readonly keys: TokenKeyRing) {
    this.accepted = ACCEPTED_HEADER_ALGORITHMS[keys.algorithm];
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
    const signature = decodeCanonicalBase64url(token.slice(lastDot + 1));
    if (!signatureHolds(header.alg, token.slice(0, lastDot), signature, key)) {
      throw new InvalidTokenError('The token signature is invalid.', 'signature');
    }
    this.remember(headerPart, header);
    return { header, payload: decodeObject(token.slice(firstDot + 1, lastDot)) };
  }

  /**
   * For a token that verified before (`VerifiedTokenCache`): its key must still be valid now, as
   * on the first check. @throws InvalidTokenError (unknown_key, retired_key)
   */
  recheckKey(verified: VerifiedJws, nowMs: number): VerifiedJws {
    this.keys.keyFor(verified.header.kid, nowMs);
    return verified;
  }

  private parseHeader(part: string): JwsHeader {
    const header = decodeObject(part);
    if (typeof header.alg !== 'string') throw malformed();
    if (!this.accepted.includes(header.alg)) {
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
    return header as unknown as JwsHeader;
  }

  private remember(part: string, header: JwsHeader): void {
    if (this.headers.size < HEADER_CACHE_LIMIT) this.headers.set(part, header);
  }
}

const malformed = () => new InvalidTokenError('The token is malformed.', 'malformed');

/** A signature node:crypto cannot even read (wrong length, bad DER) is a bad signature, not a 500. */
function signatureHolds(alg: string, data: string, signature: Buffer, key: KeyObject): boolean {
  try {
    return SIGNATURE_CHECKS[alg](data, signature, key);
  } catch {
    return false;
  }
}

function decodeObject(part: string): Record<string, unknown> {
  const bytes = decodeCanonicalBase64url(part);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw malformed();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed();
  return value as Record<string, unknown>;
}
