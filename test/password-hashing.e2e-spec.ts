import * as argon2 from 'argon2';
import * as bcryptjs from 'bcryptjs';
import { UserStore } from '../packages/nest-auth/src';
import { bearer, login, PASSWORD } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

const ARGON2ID_OWASP = /^\$argon2id\$v=19\$(?=.*m=19456)(?=.*t=2)(?=.*p=1)/;

describe('argon2id configured (OWASP defaults) over HTTP', () => {
  let t: TestApp;
  let users: UserStore;
  const storedHash = async (email: string) => (await users.findByEmail(email))!.passwordHash;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__PASSWORD__ALGORITHM: 'argon2id' } });
    users = t.app.get(UserStore);
  });
  afterAll(() => t.close());

  it('upgrades a bcrypt-10 user to argon2id at login; the old password keeps working', async () => {
    const original = bcryptjs.hashSync(PASSWORD, 10);
    await users.create({ email: 'legacy@example.com', passwordHash: original });

    const first = await login(t.http, 'legacy@example.com');

    const upgraded = await storedHash('legacy@example.com');
    expect(upgraded).not.toBe(original);
    expect(upgraded).toMatch(ARGON2ID_OWASP);
    await expect(argon2.verify(upgraded, PASSWORD)).resolves.toBe(true);
    await t.http.get('/auth/me').set(bearer(first.access_token)).expect(200);
    await login(t.http, 'legacy@example.com');
    expect(await storedHash('legacy@example.com')).toBe(upgraded);
    await t.http
      .post('/auth/login')
      .send({ email: 'legacy@example.com', password: 'not the password' })
      .expect(401);
  });

  it('stores new passwords as argon2id and accepts more than 72 bytes (no bcrypt limit)', async () => {
    const long = '€'.repeat(30); // 90 bytes of UTF-8
    await t.http
      .post('/auth/register')
      .send({ email: 'long@example.com', password: long })
      .expect(201);

    expect(await storedHash('long@example.com')).toMatch(ARGON2ID_OWASP);
    await login(t.http, 'long@example.com', long);
  });

  it('re-hashes an argon2id hash of weaker parameters to the configured ones', async () => {
    const weak = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 4096,
      timeCost: 1,
      parallelism: 1,
    });
    await users.create({ email: 'weak@example.com', passwordHash: weak });

    await login(t.http, 'weak@example.com');

    expect(await storedHash('weak@example.com')).toMatch(ARGON2ID_OWASP);
  });

  it.each([
    ['a truncated argon2id hash', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ'],
    [
      'an argon2id hash asking for 64 GiB',
      '$argon2id$v=19$m=67108864,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
    ],
    ['an MD5 crypt hash', '$1$saltsalt$2vnaRpHa6Jxjz5n83ok8Z0'],
  ])('fails closed on %s: 401, not 500', async (_what, passwordHash) => {
    const email = `corrupt-${Math.random().toString(36).slice(2)}@example.com`;
    await users.create({ email, passwordHash });

    const res = await t.http.post('/auth/login').send({ email, password: PASSWORD }).expect(401);

    expect(res.body.error).toBe('InvalidCredentialsError');
  });
});

describe('bcrypt configured, argon2id hashes stored', () => {
  it('verifies an argon2id user and re-hashes to bcrypt at the configured cost', async () => {
    const t = await startTestApp();
    try {
      const users = t.app.get(UserStore);
      const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
      await users.create({ email: 'from-argon@example.com', passwordHash: hash });

      await login(t.http, 'from-argon@example.com');

      const rehashed = (await users.findByEmail('from-argon@example.com'))!.passwordHash;
      expect(rehashed).toMatch(/^\$2b\$04\$/);
      expect(bcryptjs.compareSync(PASSWORD, rehashed)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
