import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  AuthModule,
  LoginAttemptTracker,
  MemoryLoginAttemptTracker,
  UserStore,
  MemoryUserStore,
} from '../packages/nest-auth/src';
import { AuthTestTokens, StubPasskeys } from '../packages/nest-auth/src/testing';
import { AppModule, authModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap/configure-app';
import { tempDbPath } from './support/test-app';

const ROLES = { admin: { permissions: ['users.*'] } };
const ANN_ID = '6f1c2b7e-3c1d-4f7a-9a51-0d2e8b9c4a10';
/** A base32 secret a host test would paste into its own stub users. */
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** What a host's own e2e test does: replace the auth module with its stub and call protected routes. */
describe('AuthModule.stub() in a host test', () => {
  let app: NestExpressApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { LEX_ENV: 'test', LOG_LEVEL: 'silent', DB_PATH: tempDbPath() });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideModule(authModule)
      .useModule(
        AuthModule.stub({
          users: [
            { id: 'u-1', email: 'alice@example.com', password: 'stub password 123' },
            { id: ANN_ID, email: 'ann@example.com', roles: ['admin'] },
            {
              email: 'mo@example.com',
              password: 'stub password 123',
              totpSecret: TOTP_SECRET,
              passkeys: ['Mo phone'],
            },
            { email: 'pia@example.com', passkeys: ['Work laptop', 'YubiKey'] },
            { email: 'new@example.com', password: 'stub password 123', emailVerified: false },
          ],
          settings: { roles: ROLES, requireVerifiedEmail: true },
        }),
      )
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    await configureApp(app);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    process.env = saved;
  });

  it('replaces the stores with in-memory fakes', () => {
    expect(app.get(UserStore)).toBeInstanceOf(MemoryUserStore);
    expect(app.get(LoginAttemptTracker)).toBeInstanceOf(MemoryLoginAttemptTracker);
  });

  it('mints a token for a known user that protected routes accept', async () => {
    const headers = await app.get(AuthTestTokens).authHeaderFor('alice@example.com');
    const res = await request(app.getHttpServer()).get('/auth/me').set(headers).expect(200);
    expect(res.body).toMatchObject({ id: 'u-1', email: 'alice@example.com' });
  });

  it('still refuses requests without a token', async () => {
    await request(app.getHttpServer()).get('/auth/me').expect(401);
  });

  it('lets a stub user log in with its password, with no rate limit', async () => {
    for (let i = 0; i < 20; i++) {
      await request(app.getHttpServer())
        .post('/auth/login')
        .send({ email: 'alice@example.com', password: 'stub password 123' })
        .expect(200);
    }
  });

  it('fakes roles: a token with the stub user roles passes @Permissions, one without gets 403', async () => {
    const tokens = app.get(AuthTestTokens);
    const http = request(app.getHttpServer());
    await http
      .get(`/admin/users/${ANN_ID}`)
      .set(await tokens.authHeaderFor('ann@example.com'))
      .expect(200);
    await http
      .get(`/admin/users/${ANN_ID}`)
      .set(await tokens.authHeaderFor('alice@example.com'))
      .expect(403);
    await http
      .get(`/admin/users/${ANN_ID}`)
      .set(await tokens.authHeaderFor('alice@example.com', { roles: ['admin'] }))
      .expect(200);
  });

  it('fakes an API-key principal with the scopes asked for', async () => {
    const key = await app.get(AuthTestTokens).apiKeyFor('ann@example.com', ['users.read']);
    const who = await request(app.getHttpServer()).get('/whoami').set({ 'X-API-Key': key });
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ method: 'api_key', scopes: ['users.read'] });
    await request(app.getHttpServer())
      .get(`/admin/users/${ANN_ID}`)
      .set({ 'X-API-Key': key })
      .expect(200);
  });

  it('fakes MFA state: a stub user with totpSecret needs a code, which totpCodeFor gives', async () => {
    const http = request(app.getHttpServer());
    const login = await http
      .post('/auth/login')
      .send({ email: 'mo@example.com', password: 'stub password 123' })
      .expect(401);
    expect(login.body).toMatchObject({ error: 'MfaRequiredError' });
    const code = app.get(AuthTestTokens).totpCodeFor(TOTP_SECRET);
    const verified = await http
      .post('/auth/mfa/verify')
      .send({ challenge: (login.body as { mfaChallenge: string }).mfaChallenge, code })
      .expect(200);
    expect(verified.body).toHaveProperty('access_token');
  });

  it('fakes an unverified email: with requireVerifiedEmail, its login answers 403', async () => {
    const res = await request(app.getHttpServer())
      .post('/auth/login')
      .send({ email: 'new@example.com', password: 'stub password 123' })
      .expect(403);
    expect(res.body).toMatchObject({ error: 'EmailNotVerifiedError' });
  });

  describe('fakes passkey users (users[].passkeys, StubPasskeys)', () => {
    const http = () => request(app.getHttpServer());
    const options = async (body: object = {}) =>
      (await http().post('/auth/passkeys/authentication/options').send(body).expect(200)).body as {
        challenge: string;
        challengeId: string;
      };

    it("lists a stub user's passkeys", async () => {
      const headers = await app.get(AuthTestTokens).authHeaderFor('pia@example.com');
      const res = await http().get('/auth/passkeys').set(headers).expect(200);
      expect(
        (res.body as { passkeys: { name: string }[] }).passkeys.map((p) => p.name).sort(),
      ).toEqual(['Work laptop', 'YubiKey']);
    });

    it('signs a stub user in with a passkey alone, as the server verifies a real one', async () => {
      const o = await options();
      const response = app.get(StubPasskeys).answer('pia@example.com', o, { name: 'YubiKey' });
      const res = await http()
        .post('/auth/passkeys/authentication/verify')
        .send({ challengeId: o.challengeId, response })
        .expect(200);
      const me = await http()
        .get('/auth/me')
        .set({ Authorization: `Bearer ${(res.body as { access_token: string }).access_token}` })
        .expect(200);
      expect(me.body).toMatchObject({ email: 'pia@example.com' });
    });

    it('refuses an answer without user verification, as the real policy does', async () => {
      const o = await options();
      const response = app.get(StubPasskeys).answer('pia@example.com', o, { userVerified: false });
      await http()
        .post('/auth/passkeys/authentication/verify')
        .send({ challengeId: o.challengeId, response })
        .expect(401);
    });

    it('completes the MFA step of a stub TOTP user with its passkey', async () => {
      const login = await http()
        .post('/auth/login')
        .send({ email: 'mo@example.com', password: 'stub password 123' })
        .expect(401);
      expect(login.body).toMatchObject({ error: 'MfaRequiredError', methods: ['totp', 'passkey'] });
      const o = await options({
        mfaChallenge: (login.body as { mfaChallenge: string }).mfaChallenge,
      });
      const response = app.get(StubPasskeys).answer('mo@example.com', o);
      await http()
        .post('/auth/passkeys/authentication/verify')
        .send({ challengeId: o.challengeId, response })
        .expect(200);
    });

    it('registers a new passkey through the real routes with StubPasskeys.create, then signs in with it', async () => {
      const headers = await app.get(AuthTestTokens).authHeaderFor('alice@example.com');
      const creation = await http()
        .post('/auth/passkeys/registration/options')
        .set(headers)
        .expect(200);
      const stub = app.get(StubPasskeys);
      const response = await stub.create(
        'alice@example.com',
        creation.body as { challenge: string },
        'Desk key',
      );
      const created = await http()
        .post('/auth/passkeys/registration/verify')
        .set(headers)
        .send({ response, name: 'Desk key' })
        .expect(201);
      expect(created.body).toMatchObject({ name: 'Desk key', deviceType: 'singleDevice' });

      const o = await options();
      await http()
        .post('/auth/passkeys/authentication/verify')
        .send({ challengeId: o.challengeId, response: stub.answer('alice@example.com', o) })
        .expect(200);
    });

    it('fakes a cloned authenticator: a counter that did not grow is refused', async () => {
      const stub = app.get(StubPasskeys);
      const first = await options();
      await http()
        .post('/auth/passkeys/authentication/verify')
        .send({ challengeId: first.challengeId, response: stub.answer('pia@example.com', first) })
        .expect(200);
      const clone = await options();
      await http()
        .post('/auth/passkeys/authentication/verify')
        .send({
          challengeId: clone.challengeId,
          response: stub.answer('pia@example.com', clone, { counter: 0 }),
        })
        .expect(401);
    });
  });
});
