import * as bcrypt from 'bcrypt';
import * as bcryptjs from 'bcryptjs';
import { BcryptPasswordHasher } from './bcrypt-password-hasher';
import { WorkerBcryptPasswordHasher } from './worker-bcrypt-password-hasher';

// The bcrypt example of PHP's password_verify documentation.
const PHP_2Y_HASH = '$2y$07$BCryptRequires22Chrcte/VlQH0piJtjXl.0t1XkA8pw9dMXTpOq';
const PHP_2Y_PASSWORD = 'rasmuslerdorf';

const PASSWORD = 'correct horse battery staple';

/** A `$2a$` hash made by another implementation (bcryptjs), as older systems stored them. */
function bcryptjsHash(password: string, prefix: '$2a$' | '$2b$' | '$2y$'): string {
  const salt = bcryptjs.genSaltSync(4).replace(/^\$2[aby]\$/, prefix);
  const hash = bcryptjs.hashSync(password, salt);
  expect(hash.startsWith(prefix)).toBe(true);
  return hash;
}

// The same bounds and formats on libuv's pool and on the low-priority worker threads.
describe.each([
  ['BcryptPasswordHasher', () => new BcryptPasswordHasher(4)],
  ['WorkerBcryptPasswordHasher', () => new WorkerBcryptPasswordHasher(4, 2)],
])('%s', (_name, create) => {
  const hasher = create();

  afterAll(async () => {
    if (hasher instanceof WorkerBcryptPasswordHasher) await hasher.onApplicationShutdown();
  });

  describe('hash', () => {
    it('returns a $2b$ string at the configured cost that verifies', async () => {
      const hash = await hasher.hash(PASSWORD);

      expect(hash).toMatch(/^\$2b\$04\$[./A-Za-z0-9]{53}$/);
      await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(true);
    });

    it('salts every hash, so one password never hashes the same twice', async () => {
      const [first, second] = await Promise.all([hasher.hash(PASSWORD), hasher.hash(PASSWORD)]);

      expect(first).not.toBe(second);
    });

    it('throws a RangeError for more than 72 bytes of UTF-8 instead of truncating', async () => {
      await expect(hasher.hash('a'.repeat(73))).rejects.toThrow(RangeError);
      // 25 characters, 75 bytes.
      await expect(hasher.hash('€'.repeat(25))).rejects.toThrow(RangeError);
    });

    it('hashes exactly 72 bytes', async () => {
      await expect(hasher.hash('€'.repeat(24))).resolves.toMatch(/^\$2b\$04\$/);
    });

    it('throws a RangeError for a NUL byte, where bcrypt would stop reading', async () => {
      await expect(hasher.hash('correct horse\0battery staple')).rejects.toThrow(RangeError);
    });
  });

  describe('verify', () => {
    it('is false for a wrong password', async () => {
      const hash = await hasher.hash(PASSWORD);

      await expect(hasher.verify('correct horse battery stapler', hash)).resolves.toBe(false);
    });

    it('verifies a $2a$ hash made by bcryptjs', async () => {
      const hash = bcryptjsHash(PASSWORD, '$2a$');

      await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(true);
      await expect(hasher.verify('wrong password here', hash)).resolves.toBe(false);
    });

    it('verifies the $2y$ example of the PHP documentation', async () => {
      await expect(hasher.verify(PHP_2Y_PASSWORD, PHP_2Y_HASH)).resolves.toBe(true);
      await expect(hasher.verify('rasmuslerdorF', PHP_2Y_HASH)).resolves.toBe(false);
    });

    it('verifies a bcryptjs hash whose prefix was rewritten to $2y$', async () => {
      const hash = bcryptjsHash(PASSWORD, '$2y$');

      await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(true);
      await expect(hasher.verify('wrong password here', hash)).resolves.toBe(false);
    });

    it('verifies hashes of another cost', async () => {
      const hash = await new BcryptPasswordHasher(5).hash(PASSWORD);

      await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(true);
    });

    it('is false, without throwing, for the buggy $2x$ variant', async () => {
      const valid = bcryptjsHash(PASSWORD, '$2a$');

      await expect(hasher.verify(PASSWORD, `$2x$${valid.slice(4)}`)).resolves.toBe(false);
    });

    it.each([
      ['an empty string', ''],
      ['plain text', 'not a hash'],
      ['a truncated bcrypt hash', '$2b$04$tooShort'],
      ['an argon2id hash', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo'],
      ['a bcrypt hash with an impossible cost', `$2b$99$${'a'.repeat(53)}`],
      ['a bcrypt hash with a cost below 4', `$2b$03$${'a'.repeat(53)}`],
      ['a bcrypt hash with characters outside its alphabet', `$2b$04$${'!'.repeat(53)}`],
    ])('is false, without throwing, for %s', async (_what, hash) => {
      await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(false);
    });

    it('is false for a password over 72 bytes even when its first 72 bytes match (no truncation)', async () => {
      const first72 = 'a'.repeat(72);
      const hash = await hasher.hash(first72);
      const longer = `${first72}-anything-after-byte-72`;

      // Plain bcrypt ignores everything after byte 72 and would let this in.
      await expect(bcrypt.compare(longer, hash)).resolves.toBe(true);
      await expect(hasher.verify(longer, hash)).resolves.toBe(false);
      await expect(hasher.verify(first72, hash)).resolves.toBe(true);
    });

    it('is false for a password with a NUL byte, even against the hash of its prefix', async () => {
      const hash = await hasher.hash('correct horse');

      await expect(hasher.verify('correct horse\0battery', hash)).resolves.toBe(false);
    });

    it('verifies a password typed in full-width form against the hash of its NFKC form', async () => {
      const hash = await hasher.hash('Password 42!');

      await expect(hasher.verify('Ｐａｓｓｗｏｒｄ　４２！', hash)).resolves.toBe(true);
    });

    it('verifies a password with a compatibility ligature against its plain spelling', async () => {
      const hash = await hasher.hash('ﬁne ﬂowers all year');

      await expect(hasher.verify('fine flowers all year', hash)).resolves.toBe(true);
    });

    it('verifies a decomposed accent against the composed one (two keyboards, one password)', async () => {
      const hash = await hasher.hash('caf\u00e9 au lait please');

      await expect(hasher.verify('cafe\u0301 au lait please', hash)).resolves.toBe(true);
    });
  });

  describe('needsRehash', () => {
    it('is false for a hash at the current cost', async () => {
      expect(hasher.needsRehash(await hasher.hash(PASSWORD))).toBe(false);
      expect(hasher.needsRehash(bcryptjsHash(PASSWORD, '$2a$'))).toBe(false);
    });

    it('is true for a hash of another cost, lower or higher', async () => {
      expect(hasher.needsRehash(await new BcryptPasswordHasher(5).hash(PASSWORD))).toBe(true);
      expect(new BcryptPasswordHasher(10).needsRehash(bcryptjsHash(PASSWORD, '$2a$'))).toBe(true);
      expect(hasher.needsRehash(PHP_2Y_HASH)).toBe(true);
    });

    it('is true for a hash of another algorithm or an unreadable one', () => {
      expect(
        hasher.needsRehash('$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo'),
      ).toBe(true);
      expect(hasher.needsRehash('not a hash')).toBe(true);
    });
  });
});
