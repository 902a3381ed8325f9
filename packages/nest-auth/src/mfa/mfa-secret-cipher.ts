import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * Names the purpose, so the key derived here is never the one any other feature derives from the
 * same `secretKey` (RFC 5869 §3.2).
 */
const HKDF_INFO = 'lexigram-auth/mfa/totp-secret/aes-256-gcm/v1';
const HKDF_SALT = 'lexigram-auth/mfa';

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the
 * module's `secretKey`. The user id is the associated data, so a ciphertext copied onto another
 * user's row does not decrypt. Rotating `secretKey` makes existing secrets unreadable: users
 * re-enrol (their MFA reads as broken until then, and the store refuses their codes).
 */
export class MfaSecretCipher {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, HKDF_SALT, HKDF_INFO, 32));
  }

  /** `v1.<iv>.<ciphertext>.<tag>`, each part base64url. */
  encrypt(plaintext: string, userId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The plaintext, or null when the value was not made by this key for this user. */
  decrypt(sealed: string, userId: string): string | null {
    const [version, ivText, body, tag, ...rest] = sealed.split('.');
    if (version !== VERSION || !ivText || !body || !tag || rest.length > 0) return null;
    // GCM takes an IV of any length; only the 96-bit IVs `encrypt` makes are ever valid here.
    const iv = Buffer.from(ivText, 'base64url');
    if (iv.length !== IV_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(userId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      return null;
    }
  }
}
