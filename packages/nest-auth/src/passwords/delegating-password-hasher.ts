import type { OnApplicationShutdown } from '@nestjs/common';
import { PasswordHasher } from './password-hasher';

/**
 * The default `PasswordHasher`: new hashes use the configured algorithm (`current`); a stored
 * hash is verified by whichever hasher reads its format (`$2a$`/`$2b$`/`$2y$` bcrypt,
 * `$argon2id$`…). So `password.algorithm` can change without a migration: a hash of another
 * algorithm or cost verifies, and `needsRehash` tells the login to upgrade it.
 */
export class DelegatingPasswordHasher extends PasswordHasher implements OnApplicationShutdown {
  /**
   * @param current hashes new passwords and decides what is outdated
   * @param others read stored hashes of other algorithms
   */
  constructor(
    readonly current: PasswordHasher,
    readonly others: readonly PasswordHasher[],
  ) {
    super();
  }

  hash(password: string): Promise<string> {
    return this.current.hash(password);
  }

  /** False, without throwing, for a hash no hasher reads. */
  async verify(password: string, hash: string): Promise<boolean> {
    const reader = this.readerOf(hash);
    return reader ? reader.verify(password, hash) : false;
  }

  /** True for any hash `current` would not have written with its configuration. */
  needsRehash(hash: string): boolean {
    return this.current.needsRehash(hash);
  }

  override canVerify(hash: string): boolean {
    return this.readerOf(hash) !== undefined;
  }

  /** Stops what the hashers run on (bcrypt's worker threads). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [this.current, ...this.others].map(async (hasher) => {
        await (hasher as Partial<OnApplicationShutdown>).onApplicationShutdown?.();
      }),
    );
  }

  private readerOf(hash: string): PasswordHasher | undefined {
    return [this.current, ...this.others].find((hasher) => hasher.canVerify(hash));
  }
}
