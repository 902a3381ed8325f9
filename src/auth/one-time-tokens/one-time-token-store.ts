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

/** A fresh token, base64url without padding (43 characters), safe in a URL. */
export function newOneTimeToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the store keeps: the token's SHA-256 in hex. A leaked table gives no usable link, and a
 * plain hash suffices because the token has 256 bits of entropy (no guessing to slow down).
 */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` could have come from `newOneTimeToken`; anything else is refused unseen. */
export function isWellFormedOneTimeToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * Single-use tokens for password-reset and email-verification links, stored hashed with an
 * expiry. `consume` is atomic: of any number of concurrent calls with one token, on one instance
 * or many, exactly one succeeds.
 */
export abstract class OneTimeTokenStore {
  /**
   * Creates a token for the user and purpose, valid for `ttlSeconds`.
   * @returns the token, to put in a link; the store keeps only its hash
   */
  abstract issue(userId: string, purpose: OneTimeTokenPurpose, ttlSeconds: number): Promise<string>;
  /** The token's record when it is live (unused, unexpired, of this purpose); null otherwise. */
  abstract peek(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null>;
  /**
   * Spends the token. Null when it is unknown, expired, of another purpose or already spent,
   * including when a concurrent call spent it first.
   */
  abstract consume(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null>;
  /** Spends every live token of the user for the purpose (e.g. after a reset). */
  abstract invalidateAll(userId: string, purpose: OneTimeTokenPurpose): Promise<void>;
  /** Deletes expired and spent tokens. */
  abstract purgeExpired(): Promise<void>;
}
