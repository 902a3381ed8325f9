import * as bcryptjs from 'bcryptjs';
import { PasswordHasher, UserStore } from '../packages/nest-auth/src';
import { metric, PASSWORD } from './support/auth-client';
import { bcryptjsHash, htpasswdHash } from './support/foreign-hashes';
import { startTestApp, type TestApp } from './support/test-app';

describe('Passwords over HTTP', () => {
  let t: TestApp;
  let users: UserStore;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__PASSWORD__ROUNDS: '4' } });
    users = t.app.get(UserStore);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('refuses to register a password over 72 UTF-8 bytes (bcrypt would truncate it)', async () => {
    const password = '€'.repeat(25); // 25 characters, 75 bytes
    const res = await t.http
      .post('/auth/register')
      .send({ email: 'long@example.com', password })
      .expect(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toContain('max_bytes');
  });

  it('never logs in with a password whose first 72 bytes match the stored one', async () => {
    const stored = 'p'.repeat(72);
    await users.create({ email: 'trunc@example.com', passwordHash: bcryptjs.hashSync(stored, 4) });
    await t.http
      .post('/auth/login')
      .send({ email: 'trunc@example.com', password: stored })
      .expect(200);
    await t.http
      .post('/auth/login')
      .send({ email: 'trunc@example.com', password: `${stored}-anything` })
      .expect(401);
  });

  it('stores hashes as $2b$ strings with the configured cost', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'stored@example.com', password: PASSWORD })
      .expect(201);
    const user = await users.findByEmail('stored@example.com');
    expect(typeof user?.passwordHash).toBe('string');
    expect(user?.passwordHash).toMatch(/^\$2b\$04\$[./A-Za-z0-9]{53}$/);
  });

  it.each([
    ['$2a$ (bcryptjs, cost 6)', () => bcryptjsHash(PASSWORD, '$2a$', 6)],
    ['$2b$ (bcryptjs, cost 5)', () => bcryptjsHash(PASSWORD, '$2b$', 5)],
    ['$2y$ (htpasswd -B)', () => htpasswdHash(PASSWORD, 5)],
  ])(
    'verifies a hash made elsewhere: %s, then re-hashes it with the current config',
    async (name, make) => {
      const email = `foreign-${name.slice(1, 3)}@example.com`;
      const original = make();
      await users.create({ email, passwordHash: original });
      await t.http.post('/auth/login').send({ email, password: PASSWORD }).expect(200);
      const upgraded = (await users.findByEmail(email))!.passwordHash;
      expect(upgraded).not.toBe(original);
      expect(upgraded).toMatch(/^\$2b\$04\$/);
      expect(bcryptjs.compareSync(PASSWORD, upgraded)).toBe(true);
      await t.http.post('/auth/login').send({ email, password: PASSWORD }).expect(200);
    },
  );

  it('does not re-hash a hash that already has the configured cost', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'current@example.com', password: PASSWORD })
      .expect(201);
    const before = (await users.findByEmail('current@example.com'))!.passwordHash;
    await t.http
      .post('/auth/login')
      .send({ email: 'current@example.com', password: PASSWORD })
      .expect(200);
    expect((await users.findByEmail('current@example.com'))!.passwordHash).toBe(before);
  });

  it('fails closed (401, not 500) on a stored hash it cannot read', async () => {
    await users.create({ email: 'corrupt@example.com', passwordHash: 'not-a-hash' });
    const res = await t.http
      .post('/auth/login')
      .send({ email: 'corrupt@example.com', password: PASSWORD })
      .expect(401);
    expect(res.body.error).toBe('InvalidCredentialsError');
  });

  it('runs a real hash verification for an unknown user, at the configured cost', async () => {
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    const before = await metric(t.http, 'auth_password_verifications_total');
    await t.http
      .post('/auth/login')
      .send({ email: 'who@example.com', password: 'some password here' })
      .expect(401);
    expect(verify).toHaveBeenCalledTimes(1);
    const [password, hash] = verify.mock.calls[0];
    expect(password).toBe('some password here');
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await metric(t.http, 'auth_password_verifications_total')).toBe(before + 1);
  });
});
