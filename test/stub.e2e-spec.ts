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
import { AuthTestTokens } from '../packages/nest-auth/src/testing';
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
            { email: 'mo@example.com', password: 'stub password 123', totpSecret: TOTP_SECRET },
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
});
