import * as bcryptjs from 'bcryptjs';
import type { PasswordSettings } from '../settings/auth-settings';
import { DEFAULT_PASSWORD_SETTINGS } from '../settings/password-settings.schema';
import { Argon2idPasswordHasher } from './argon2id-password-hasher';
import { BcryptPasswordHasher } from './bcrypt-password-hasher';
import { ConcurrencyLimitedPasswordHasher } from './concurrency-limited-password-hasher';
import { createPasswordHasher } from './create-password-hasher';
import { DelegatingPasswordHasher } from './delegating-password-hasher';
import { WorkerBcryptPasswordHasher } from './worker-bcrypt-password-hasher';

const PASSWORD = 'correct horse battery staple';

// The defaults, made cheap: bcrypt cost 4 and the smallest argon2id parameters; no concurrency
// limit, so the delegating hasher itself comes back.
const settings = (overrides: Partial<PasswordSettings>): PasswordSettings => ({
  ...DEFAULT_PASSWORD_SETTINGS,
  maxConcurrentHashes: 0,
  rounds: 4,
  argon2MemoryKib: 1024,
  argon2Iterations: 1,
  ...overrides,
});

describe('createPasswordHasher → DelegatingPasswordHasher', () => {
  const bcrypt = createPasswordHasher(
    settings({ algorithm: 'bcrypt' }),
  ) as DelegatingPasswordHasher;
  const argon2id = createPasswordHasher(
    settings({ algorithm: 'argon2id' }),
  ) as DelegatingPasswordHasher;
  let bcryptHash: string;
  let argon2Hash: string;

  beforeAll(async () => {
    bcryptHash = await bcrypt.hash(PASSWORD);
    argon2Hash = await argon2id.hash(PASSWORD);
  });

  it('hashes with the configured algorithm and cost', () => {
    expect(bcryptHash).toMatch(/^\$2b\$04\$/);
    expect(argon2Hash).toMatch(/^\$argon2id\$v=19\$(?=.*m=1024)(?=.*t=1)(?=.*p=1)/);
    expect(argon2id.current).toBeInstanceOf(Argon2idPasswordHasher);
    expect(bcrypt.current).toBeInstanceOf(BcryptPasswordHasher);
  });

  it('verifies bcrypt and argon2id hashes whatever the configured algorithm', async () => {
    for (const hasher of [bcrypt, argon2id]) {
      await expect(hasher.verify(PASSWORD, bcryptHash)).resolves.toBe(true);
      await expect(hasher.verify(PASSWORD, argon2Hash)).resolves.toBe(true);
      await expect(hasher.verify('wrong password here', bcryptHash)).resolves.toBe(false);
      await expect(hasher.verify('wrong password here', argon2Hash)).resolves.toBe(false);
    }
  });

  it('verifies a $2y$ hash made elsewhere when argon2id is configured', async () => {
    const foreign = bcryptjs.hashSync(PASSWORD, 5).replace(/^\$2[ab]\$/, '$2y$');

    await expect(argon2id.verify(PASSWORD, foreign)).resolves.toBe(true);
    expect(argon2id.needsRehash(foreign)).toBe(true);
  });

  it('asks to re-hash a hash of the other algorithm, or of another cost, and not a current one', () => {
    expect(bcrypt.needsRehash(bcryptHash)).toBe(false);
    expect(bcrypt.needsRehash(argon2Hash)).toBe(true);
    expect(argon2id.needsRehash(argon2Hash)).toBe(false);
    expect(argon2id.needsRehash(bcryptHash)).toBe(true);
    expect(createPasswordHasher(settings({ rounds: 5 })).needsRehash(bcryptHash)).toBe(true);
    expect(
      createPasswordHasher(settings({ algorithm: 'argon2id', argon2Iterations: 2 })).needsRehash(
        argon2Hash,
      ),
    ).toBe(true);
  });

  it.each([
    ['garbage', 'not a hash'],
    ['an empty string', ''],
    ['a scrypt hash', '$scrypt$ln=16,r=8,p=1$c2FsdA$aGFzaA'],
    ['the buggy $2x$ bcrypt variant', `$2x$04$${'a'.repeat(53)}`],
  ])(
    'cannot read %s: canVerify is false and verify is false without throwing',
    async (_what, hash) => {
      expect(argon2id.canVerify(hash)).toBe(false);
      await expect(argon2id.verify(PASSWORD, hash)).resolves.toBe(false);
      expect(argon2id.needsRehash(hash)).toBe(true);
    },
  );

  it('keeps the 72-byte refusal of bcrypt when bcrypt is configured, and drops it for argon2id', async () => {
    const long = '€'.repeat(25);

    await expect(bcrypt.hash(long)).rejects.toThrow(RangeError);
    await expect(argon2id.verify(long, await argon2id.hash(long))).resolves.toBe(true);
  });

  it('limits concurrent hashing unless max_concurrent_hashes is 0', async () => {
    expect(bcrypt).not.toBeInstanceOf(ConcurrencyLimitedPasswordHasher);
    expect(createPasswordHasher(DEFAULT_PASSWORD_SETTINGS)).toBeInstanceOf(
      ConcurrencyLimitedPasswordHasher,
    );
    const limited = createPasswordHasher(settings({ maxConcurrentHashes: 1 }));
    expect(limited).toBeInstanceOf(ConcurrencyLimitedPasswordHasher);
    const [a, b] = await Promise.all([limited.hash(PASSWORD), limited.hash(PASSWORD)]);
    expect(await limited.verify(PASSWORD, a)).toBe(true);
    expect(await limited.verify(PASSWORD, b)).toBe(true);
    expect(limited.needsRehash(a)).toBe(false);
    expect(limited.canVerify(argon2Hash)).toBe(true);
    await (limited as ConcurrencyLimitedPasswordHasher).onApplicationShutdown();
  });

  it('runs bcrypt on as many low-priority worker threads as the limit, and on libuv at 0', async () => {
    const limited = createPasswordHasher(
      settings({ maxConcurrentHashes: 3 }),
    ) as ConcurrencyLimitedPasswordHasher;
    const workers = (limited.inner as DelegatingPasswordHasher).current;

    expect(workers).toBeInstanceOf(WorkerBcryptPasswordHasher);
    expect((workers as WorkerBcryptPasswordHasher).pool.size).toBe(3);
    expect(bcrypt.current).not.toBeInstanceOf(WorkerBcryptPasswordHasher);
    // argon2 has no synchronous API: it stays on libuv's pool, behind the same limit.
    const argon2 = createPasswordHasher(
      settings({ algorithm: 'argon2id', maxConcurrentHashes: 3 }),
    ) as ConcurrencyLimitedPasswordHasher;
    expect((argon2.inner as DelegatingPasswordHasher).current).toBeInstanceOf(
      Argon2idPasswordHasher,
    );
    await expect(limited.verify(PASSWORD, bcryptHash)).resolves.toBe(true);
    expect((workers as WorkerBcryptPasswordHasher).pool.workers).toHaveLength(1);

    await limited.onApplicationShutdown();
    expect((workers as WorkerBcryptPasswordHasher).pool.workers).toHaveLength(0);
    await expect(limited.verify(PASSWORD, bcryptHash)).rejects.toMatchObject({ status: 503 });
  });
});
