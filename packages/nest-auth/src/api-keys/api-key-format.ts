import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts with this, so secret scanners and people can tell what leaked. */
export const API_KEY_PREFIX = 'lex_';
const LOOKUP_LENGTH = 8;
const SECRET_BYTES = 32;
// 32 symbols: a random byte masked to 5 bits picks one without bias.
const LOOKUP_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const KEY_PATTERN = /^lex_([a-z2-7]{8})_[A-Za-z0-9_-]{43}$/;

/** A freshly generated key: the text handed out once, and what is stored of it. */
export interface GeneratedApiKey {
  /** `lex_<lookup>_<secret>`; shown to the caller once, never stored. */
  key: string;
  /** The 8-character lookup prefix, stored in clear and unique. */
  prefix: string;
  /** SHA-256 of the whole key, hex. */
  hash: string;
}

/** A key with a random lookup prefix and 256 random bits of secret. */
export function generateApiKey(): GeneratedApiKey {
  const lookup = Array.from(randomBytes(LOOKUP_LENGTH), (b) => LOOKUP_ALPHABET[b & 31]).join('');
  const key = `${API_KEY_PREFIX}${lookup}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, prefix: lookup, hash: hashApiKey(key) };
}

/** The lookup prefix of a well-formed key, or null for anything else. */
export function lookupPrefixOf(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

/**
 * SHA-256, hex. A key carries 256 random bits, so a slow password hash would add cost and no
 * safety: nobody can guess a preimage of a fast hash of a random 256-bit value.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether `key` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
