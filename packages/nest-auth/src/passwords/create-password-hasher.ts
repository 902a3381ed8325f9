import type { PasswordSettings } from '../settings/auth-settings';
import { Argon2idPasswordHasher, requireArgon2 } from './argon2id-password-hasher';
import { BcryptPasswordHasher } from './bcrypt-password-hasher';
import { ConcurrencyLimitedPasswordHasher } from './concurrency-limited-password-hasher';
import { DelegatingPasswordHasher } from './delegating-password-hasher';
import type { PasswordHasher } from './password-hasher';
import { WorkerBcryptPasswordHasher } from './worker-bcrypt-password-hasher';

/**
 * The hasher for `password.*`: hashes with `password.algorithm` at its configured cost, and
 * verifies bcrypt and argon2 hashes whatever the algorithm, so switching needs no migration;
 * at most `password.maxConcurrentHashes` at once unless that is 0. With a limit, new bcrypt
 * hashes and bcrypt verifications run on that many low-priority worker threads; with 0, and for
 * argon2 (whose package has no synchronous API), on libuv's pool.
 * @throws AuthConfigurationError when argon2id is configured and `argon2` is not installed
 */
export function createPasswordHasher(password: PasswordSettings): PasswordHasher {
  const limit = password.maxConcurrentHashes;
  const bcrypt =
    limit > 0
      ? new WorkerBcryptPasswordHasher(password.rounds, limit)
      : new BcryptPasswordHasher(password.rounds);
  const argon2id = new Argon2idPasswordHasher({
    memoryKib: password.argon2MemoryKib,
    iterations: password.argon2Iterations,
    parallelism: password.argon2Parallelism,
  });
  if (password.algorithm === 'argon2id') requireArgon2(); // refuse the boot, naming the package
  const hasher =
    password.algorithm === 'argon2id'
      ? new DelegatingPasswordHasher(argon2id, [bcrypt])
      : new DelegatingPasswordHasher(bcrypt, [argon2id]);
  return limit > 0 ? new ConcurrencyLimitedPasswordHasher(hasher, limit) : hasher;
}
