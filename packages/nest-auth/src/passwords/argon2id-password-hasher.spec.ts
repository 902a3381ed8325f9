import * as argon2 from 'argon2';
import { Argon2idPasswordHasher, OWASP_ARGON2ID } from './argon2id-password-hasher';

const PASSWORD = 'correct horse battery staple';
const CHEAP = { memoryKib: 1024, iterations: 1, parallelism: 1 };

describe('Argon2idPasswordHasher', () => {
  const hasher = new Argon2idPasswordHasher(CHEAP);

  describe('hash', () => {
    it('uses the OWASP parameters by default: argon2id, v=19, m=19456, t=2, p=1', async () => {
      const hash = await new Argon2idPasswordHasher().hash(PASSWORD);

      expect(OWASP_ARGON2ID).toEqual({ memoryKib: 19456, iterations: 2, parallelism: 1 });
      expect(hash).toMatch(/^\$argon2id\$v=19\$/);
      expect(hash).toContain('m=19456');
      expect(hash).toContain('t=2');
      expect(hash).toContain('p=1');
    });

    it('writes the configured parameters into a PHC string that argon2 itself verifies', async () => {
      const hash = await new Argon2idPasswordHasher({
        memoryKib: 2048,
        iterations: 3,
        parallelism: 2,
      }).hash(PASSWORD);

      expect(hash).toMatch(/^\$argon2id\$v=19\$(?=.*m=2048)(?=.*t=3)(?=.*p=2)/);
      await expect(argon2.verify(hash, PASSWORD)).resolves.toBe(true);
    });

    it('salts every hash', async () => {
      const [first, second] = await Promise.all([hasher.hash(PASSWORD), hasher.hash(PASSWORD)]);

      expect(first).not.toBe(second);
    });

    it('hashes passwords longer than bcrypt could, without truncating them', async () => {
      const long = 'a'.repeat(200);
      const hash = await hasher.hash(long);

      await expect(hasher.verify(long, hash)).resolves.toBe(true);
      await expect(hasher.verify('a'.repeat(199), hash)).resolves.toBe(false);
    });
  });

  describe('verify', () => {
    it('is true for the password and false for another', async () => {
      const hash = await hasher.hash(PASSWORD);

      await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(true);
      await expect(hasher.verify('correct horse battery stapler', hash)).resolves.toBe(false);
    });

    it('verifies a password typed in full-width form against the hash of its NFKC form', async () => {
      const hash = await hasher.hash('Password 42!');

      await expect(hasher.verify('Ｐａｓｓｗｏｒｄ　４２！', hash)).resolves.toBe(true);
    });

    it.each([argon2.argon2i, argon2.argon2d] as const)(
      'verifies argon2i and argon2d hashes made elsewhere (type %p)',
      async (type) => {
        const hash = await argon2.hash(PASSWORD, {
          type,
          memoryCost: 1024,
          timeCost: 1,
          parallelism: 1,
        });

        await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(true);
      },
    );

    it.each([
      ['an empty string', ''],
      ['a bcrypt hash', '$2b$04$abcdefghijklmnopqrstuu5B1Ylz6c9OLqy3m0SgUyj8m4wq3lqhe'],
      ['a truncated argon2 hash', '$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ'],
      ['a digest that is not base64', '$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$!!!!'],
      ['parameters that are not numbers', '$argon2id$v=19$m=lots,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'],
      ['a memory cost above 4 GiB', '$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'],
      [
        'a salt argon2 refuses (too short)',
        '$argon2id$v=19$m=1024,t=1,p=1$YQ$aGFzaGhhc2hoYXNoaGFzaA',
      ],
    ])('is false, without throwing, for %s', async (_what, hash) => {
      await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(false);
    });
  });

  describe('needsRehash and canVerify', () => {
    it('is false for a hash with the configured parameters', async () => {
      expect(hasher.needsRehash(await hasher.hash(PASSWORD))).toBe(false);
    });

    it.each([
      ['memory', { ...CHEAP, memoryKib: 2048 }],
      ['iterations', { ...CHEAP, iterations: 2 }],
      ['parallelism', { ...CHEAP, parallelism: 2 }],
    ])('is true when the %s differs from the configuration', async (_what, parameters) => {
      const hash = await new Argon2idPasswordHasher(parameters).hash(PASSWORD);

      expect(hasher.needsRehash(hash)).toBe(true);
    });

    it('is true for argon2i, for an older version, for bcrypt and for garbage', async () => {
      const argon2i = await argon2.hash(PASSWORD, {
        type: argon2.argon2i,
        memoryCost: 1024,
        timeCost: 1,
        parallelism: 1,
      });

      expect(hasher.needsRehash(argon2i)).toBe(true);
      expect(hasher.needsRehash('$argon2id$v=16$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(
        true,
      );
      expect(
        hasher.needsRehash('$2b$04$abcdefghijklmnopqrstuu5B1Ylz6c9OLqy3m0SgUyj8m4wq3lqhe'),
      ).toBe(true);
      expect(hasher.needsRehash('not a hash')).toBe(true);
    });

    it('reads PHC argon2 strings whatever the order of their parameters, and nothing else', () => {
      expect(hasher.canVerify('$argon2id$v=19$m=1024,p=1,t=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
      expect(hasher.canVerify('$argon2id$v=19$t=1,m=1024,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
      expect(hasher.canVerify('$argon2id$v=19$m=1024,t=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(false);
      expect(hasher.canVerify('$2b$04$abcdefghijklmnopqrstuu5B1Ylz6c9OLqy3m0SgUyj8m4wq3lqhe')).toBe(
        false,
      );
    });
  });
});
