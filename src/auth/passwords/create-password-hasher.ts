import type { PasswordSettings } from '../config/auth-settings';
import { Argon2idPasswordHasher } from './argon2id-password-hasher';
import { BcryptPasswordHasher } from './bcrypt-password-hasher';
import { DelegatingPasswordHasher } from './delegating-password-hasher';

/**
 * The hasher for `password.*`: hashes with `password.algorithm` at its configured cost, and
 * verifies bcrypt and argon2 hashes whatever the algorithm, so switching needs no migration.
 */
export function createPasswordHasher(password: PasswordSettings): DelegatingPasswordHasher {
  const bcrypt = new BcryptPasswordHasher(password.rounds);
  const argon2id = new Argon2idPasswordHasher({
    memoryKib: password.argon2MemoryKib,
    iterations: password.argon2Iterations,
    parallelism: password.argon2Parallelism,
  });
  return password.algorithm === 'argon2id'
    ? new DelegatingPasswordHasher(argon2id, [bcrypt])
    : new DelegatingPasswordHasher(bcrypt, [argon2id]);
}
