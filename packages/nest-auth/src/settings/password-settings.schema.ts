import { z } from 'zod';
import { PASSWORD_ALGORITHMS } from './auth-settings';
import { processMaxConcurrentHashes } from './default-hash-concurrency';
import { flag, integer, patternList } from './setting-parsers';

/** `auth.password`: hashing and policy (NIST SP 800-63B length rules, no composition rules). */
export const passwordSettingsSchema = z
  .strictObject({
    algorithm: z
      .enum(PASSWORD_ALGORITHMS)
      .prefault('bcrypt')
      .describe(
        'Hash for new passwords; hashes of either algorithm verify whatever is set, and a successful login re-hashes one of another algorithm or cost ([hashing](../guides/passwords.md)).',
      ),
    rounds: integer(4, 31)
      .prefault(12)
      .describe('bcrypt cost; each step doubles the time of a login.'),
    // OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
    argon2MemoryKib: integer(1024, 4194304)
      .prefault(19456)
      .describe("argon2id memory per hash in KiB (19 MiB, OWASP's minimum)."),
    argon2Iterations: integer(1, 100).prefault(2).describe('argon2id passes over the memory.'),
    argon2Parallelism: integer(1, 64).prefault(1).describe('argon2id lanes.'),
    // No default value here: it depends on `algorithm` (filled in below).
    maxConcurrentHashes: integer(0, 1024).optional().meta({
      description:
        "Hashes and verifications at once. bcrypt runs them on as many worker threads at the lowest scheduling priority (nice 19, Linux), so the kernel runs the event loop first and authenticated requests stay fast during a login storm even with every core hashing; argon2 runs them on libuv's pool (`UV_THREADPOOL_SIZE`, 4) at the event loop's priority, so its default keeps a core and a pool thread free. 0: no limit, and bcrypt on libuv's pool too (as many at once as the pool has threads) ([bench/README.md](../../bench/README.md)).",
      defaultText:
        "bcrypt: the number of cores (cores − 1, at least 1, where threads cannot lower their priority: not Linux, or a sandbox; a warning says so); argon2id: cores − 1 and pool threads − 1, at least 1 (1 on 2 cores, 3 on 4 or more with the pool's default 4 threads)",
      example: '1',
    }),
    minLength: integer(1, 4096)
      .prefault(12)
      .describe('Minimum length in characters (Unicode code points).'),
    maxLength: integer(1, 4096)
      .prefault(128)
      .describe('Maximum length in characters; bcrypt also refuses more than 72 UTF-8 bytes.'),
    requireUppercase: flag
      .prefault(false)
      .describe(
        'Require an uppercase letter. Composition rules are off by default (NIST SP 800-63B); turn on what your policy demands.',
      ),
    requireLowercase: flag.prefault(false).describe('Require a lowercase letter.'),
    requireDigits: flag.prefault(false).describe('Require a digit.'),
    requireSpecial: flag
      .prefault(false)
      .describe('Require a character that is not a letter or digit.'),
    bannedPatterns: patternList.prefault([]).meta({
      description:
        'Case-insensitive regular expressions a password must not match (env: comma-separated or a JSON array). Common passwords are always refused.',
      example: 'acme,^season\\d+$',
    }),
  })
  .transform(({ maxConcurrentHashes, ...rest }) => ({
    ...rest,
    maxConcurrentHashes: maxConcurrentHashes ?? processMaxConcurrentHashes(rest.algorithm),
  }));

/** The built-in password settings. */
export const DEFAULT_PASSWORD_SETTINGS = Object.freeze(passwordSettingsSchema.parse({}));
