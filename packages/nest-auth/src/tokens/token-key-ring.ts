import type { JsonWebKey, KeyObject } from 'node:crypto';
import type { JwtAlgorithm } from '../settings/auth-settings';
import { InvalidTokenError } from '../errors/auth.errors';

/** A key tokens are checked with. */
export interface VerificationKey {
  /** The `kid` a token names it by (RFC 7638 thumbprint); undefined for an HMAC secret. */
  kid: string | undefined;
  key: KeyObject;
  /** The public JWK published in the JWKS; undefined for an HMAC secret, which is never published. */
  jwk?: JsonWebKey;
  /** Epoch ms from which the key no longer verifies (retired + grace); null while it has no end. */
  validUntilMs: number | null;
}

/** The key new tokens are signed with. */
export interface SigningKey {
  kid: string | undefined;
  key: KeyObject;
}

/** RFC 7517 §5. */
export interface JsonWebKeySet {
  keys: JsonWebKey[];
}

/**
 * The current signing key and every key tokens may still be verified with: the current one, the
 * next one (published before it signs) and retired ones until their grace period ends. Time is
 * passed in, so a retired key drops out at the right instant without a restart.
 */
export class TokenKeyRing {
  constructor(
    readonly algorithm: JwtAlgorithm,
    readonly signing: SigningKey,
    private readonly keys: readonly VerificationKey[],
  ) {}

  /**
   * The key the token header's `kid` names. A token is never trusted to bring its own key: `jku`,
   * `x5u` and `jwk` headers are ignored, and only keys configured here are used.
   * @throws InvalidTokenError for an unknown kid or a key whose grace period is over
   */
  keyFor(kid: unknown, nowMs: number): KeyObject {
    const entry = this.keys.find((k) => k.kid === kid);
    if (!entry) {
      throw new InvalidTokenError(
        'The token names a signing key (kid) this server does not know.',
        'unknown_key',
      );
    }
    if (entry.validUntilMs !== null && nowMs >= entry.validUntilMs) {
      throw new InvalidTokenError(
        'The token was signed with a retired key whose grace period is over. Log in again.',
        'retired_key',
      );
    }
    return entry.key;
  }

  /** The public keys valid at `nowMs` as an RFC 7517 JWK Set; null when tokens use an HMAC secret. */
  jwks(nowMs: number): JsonWebKeySet | null {
    if (this.algorithm.startsWith('HS')) return null;
    const valid = this.keys.filter(
      (k) => k.jwk && (k.validUntilMs === null || nowMs < k.validUntilMs),
    );
    return { keys: valid.map((k) => ({ ...k.jwk, kid: k.kid, alg: this.algorithm, use: 'sig' })) };
  }
}
