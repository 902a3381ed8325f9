import * as bcrypt from 'bcrypt';
import { PasswordHasher } from './password-hasher';
import { BCRYPT_MAX_BYTES, normalizePassword } from './normalize-password';

// $2a$, $2b$ and $2y$ are the same algorithm; $2x$ is the buggy pre-2011 variant and is refused.
const BCRYPT_HASH = /^\$2([aby])\$(\d{2})\$[./A-Za-z0-9]{53}$/;

/**
 * bcrypt through the native `bcrypt` package, whose hash and compare run on libuv's thread pool,
 * off the event loop. Hashes are strings (`$2b$12$…`); hashes made elsewhere (`$2a$`, `$2y$`,
 * any cost) verify.
 */
export class BcryptPasswordHasher extends PasswordHasher {
  /** @param rounds the cost of new hashes (4–31) */
  constructor(readonly rounds: number) {
    super();
  }

  async hash(password: string): Promise<string> {
    const normalized = normalizePassword(password);
    if (!BcryptPasswordHasher.fits(normalized)) {
      throw new RangeError(`bcrypt cannot hash more than ${BCRYPT_MAX_BYTES} bytes or a NUL byte`);
    }
    return this.digest(normalized);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    const normalized = normalizePassword(password);
    // A longer password would be compared by its first 72 bytes only: refuse, never truncate.
    if (!this.canVerify(hash) || !BcryptPasswordHasher.fits(normalized)) return false;
    // The native binding reads $2a$ and $2b$; $2y$ differs from $2b$ in its name only.
    return this.compare(normalized, hash.startsWith('$2y$') ? `$2b$${hash.slice(4)}` : hash);
  }

  needsRehash(hash: string): boolean {
    const match = BCRYPT_HASH.exec(hash);
    return !match || Number(match[2]) !== this.rounds;
  }

  /** `$2a$`, `$2b$` or `$2y$` with a cost of 4–31 and a 53-character salt and digest. */
  override canVerify(hash: string): boolean {
    const match = BCRYPT_HASH.exec(hash);
    return match !== null && Number(match[2]) >= 4 && Number(match[2]) <= 31;
  }

  /** Hashes a password already normalised and checked; where the work runs is the subclass's. */
  protected digest(password: string): Promise<string> {
    return bcrypt.hash(password, this.rounds);
  }

  /** Compares a normalised, checked password with a `$2a$`/`$2b$` hash. */
  protected compare(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /** Whether bcrypt can hash `password` whole. */
  static fits(password: string): boolean {
    return Buffer.byteLength(password, 'utf8') <= BCRYPT_MAX_BYTES && !password.includes('\0');
  }
}
