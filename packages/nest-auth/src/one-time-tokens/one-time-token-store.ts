import { createHash, randomBytes } from 'node:crypto';

/** What a one-time token is for; a token of one purpose never works for the other. */
export type OneTimeTokenPurpose = 'password_reset' | 'email_verification';

/** A live token as the store knows it: never the token itself, only whose and until when. */
export interface OneTimeTokenRecord {
  userId: string;
  purpose: OneTimeTokenPurpose;
  expiresAt: Date;
}

/** 32 random bytes (256 bits), well above ASVS's 128-bit minimum for recovery secrets. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * What the store keeps: the token's SHA-256 in hex. A leaked table gives no usable link, and a
 * plain hash suffices because the token has 256 bits of entropy (no guessing to slow down).
 */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Single-use tokens for password-reset and email-verification links, stored hashed with an
 * expiry. `consume` is atomic: of any number of concurrent calls with one token, on one instance
 * or many, exactly one succeeds.
 *
 * This class mints, hashes and shape-checks the tokens; a backend (and a host's own store)
 * implements only the `*Hash` methods, so it never sees a token, only its SHA-256.
 */
export abstract class OneTimeTokenStore {
  /**
   * Creates a token (base64url, 43 characters) for the user and purpose, valid for `ttlSeconds`.
   * @returns the token, to put in a link; the store keeps only its hash
   */
  async issue(userId: string, purpose: OneTimeTokenPurpose, ttlSeconds: number): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await this.insertHash(hashOneTimeToken(token), userId, purpose, ttlSeconds * 1000);
    return token;
  }

  /** The token's record when it is live (unused, unexpired, of this purpose); null otherwise. */
  peek(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null> {
    return this.withHash(token, (hash) => this.peekHash(hash, purpose));
  }

  /**
   * Spends the token. Null when it is unknown, expired, of another purpose or already spent,
   * including when a concurrent call spent it first.
   */
  consume(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null> {
    return this.withHash(token, (hash) => this.consumeHash(hash, purpose));
  }

  /** Spends every live token of the user for the purpose (e.g. after a reset). */
  abstract invalidateAll(userId: string, purpose: OneTimeTokenPurpose): Promise<void>;
  /** Deletes expired and spent tokens. */
  abstract purgeExpired(): Promise<void>;

  /** Stores a new live token by its hash, expiring `ttlMs` from the store's now. */
  protected abstract insertHash(
    hash: string,
    userId: string,
    purpose: OneTimeTokenPurpose,
    ttlMs: number,
  ): Promise<void>;
  /** `peek` by hash. */
  protected abstract peekHash(
    hash: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<OneTimeTokenRecord | null>;
  /** `consume` by hash: must be one atomic check-and-spend. */
  protected abstract consumeHash(
    hash: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<OneTimeTokenRecord | null>;

  /** Anything `issue` cannot have made is refused unseen: no lookup, no hashing of junk. */
  private withHash(
    token: string,
    lookup: (hash: string) => Promise<OneTimeTokenRecord | null>,
  ): Promise<OneTimeTokenRecord | null> {
    return TOKEN_SHAPE.test(token) ? lookup(hashOneTimeToken(token)) : Promise.resolve(null);
  }
}
