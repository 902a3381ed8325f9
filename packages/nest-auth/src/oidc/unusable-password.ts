import { randomBytes } from 'node:crypto';

/**
 * The password hash of an account created by a provider sign-in: a marker no hasher reads,
 * followed by random bytes, so no password ever matches it (the login answers the usual 401) and
 * the account can tell it has no password. A password reset replaces it with a real hash.
 */
export const UNUSABLE_PASSWORD_PREFIX = '!external-only$';

export function unusablePasswordHash(): string {
  return UNUSABLE_PASSWORD_PREFIX + randomBytes(32).toString('base64url');
}

export function hasUsablePassword(passwordHash: string): boolean {
  return !passwordHash.startsWith(UNUSABLE_PASSWORD_PREFIX);
}
