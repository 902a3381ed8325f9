/**
 * NIST SP 800-63B §5.1.1.2: normalise Unicode passwords (NFKC) before hashing and verifying, so
 * the same password typed on two keyboards hashes the same. ASCII passwords are unchanged.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** bcrypt reads at most 72 bytes and stops at a NUL byte; both would silently shorten a password. */
export const BCRYPT_MAX_BYTES = 72;
