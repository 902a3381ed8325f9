import type { INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  ApiKeyService,
  AuthExceptionFilter,
  type AuthFeatures,
  AuthModule,
  JwtAuthGuard,
  MemoryUserStore,
  MfaService,
  PasswordResetService,
  SessionsService,
} from '../packages/nest-auth/src';

const PASSWORD = 'a long and unusual password 42';

async function startApp(
  features: AuthFeatures | undefined,
  basePath?: string,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot({
        features,
        basePath,
        environment: 'test',
        store: 'memory',
        configFile: false,
        env: {},
        userStore: new MemoryUserStore(),
        password: { rounds: 4 },
        loginRateLimit: '100000/minute',
        passwordReset: { enabled: true },
        emailVerification: { enabled: true },
      }),
    ],
    providers: [
      { provide: APP_GUARD, useExisting: JwtAuthGuard },
      { provide: APP_FILTER, useExisting: AuthExceptionFilter },
    ],
  }).compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  return app;
}

async function login(app: INestApplication, email: string): Promise<string> {
  const http = request(app.getHttpServer());
  await http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
  const res = await http.post('/auth/login').send({ email, password: PASSWORD }).expect(200);
  return (res.body as { access_token: string }).access_token;
}

describe('feature modules left out (features: { mfa, apiKeys, accountRecovery: false })', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApp({ mfa: false, apiKeys: false, accountRecovery: false });
  });
  afterAll(() => app?.close());

  it('registers none of their routes: plain 404s, not FeatureDisabledError', async () => {
    const token = await login(app, 'left-out@example.com');
    const http = request(app.getHttpServer());
    const auth = { Authorization: `Bearer ${token}` };

    for (const res of [
      await http.get('/auth/mfa').set(auth),
      await http.post('/auth/mfa/verify').send({ mfaChallenge: 'x', code: '123456' }),
      await http.get('/auth/api-keys').set(auth),
      await http.post('/auth/forgot-password').send({ email: 'left-out@example.com' }),
      await http.post('/auth/verify-email').send({ token: 'x' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404 });
      expect(res.body).not.toMatchObject({ error: 'FeatureDisabledError' });
    }
  });

  it('registers none of their providers', () => {
    expect(() => app.get(MfaService)).toThrow();
    expect(() => app.get(ApiKeyService)).toThrow();
    expect(() => app.get(PasswordResetService)).toThrow();
  });

  it('keeps the core and the always-composed features: login, refresh, sessions', async () => {
    const token = await login(app, 'core@example.com');
    const http = request(app.getHttpServer());
    const sessions = await http
      .get('/auth/sessions')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect((sessions.body as { sessions: unknown[] }).sessions).toHaveLength(1);
    expect(app.get(SessionsService)).toBeInstanceOf(SessionsService);
  });
});

describe('feature modules composed (the default)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApp(undefined);
  });
  afterAll(() => app?.close());

  it('serves their routes and resolves their providers', async () => {
    const token = await login(app, 'all@example.com');
    const http = request(app.getHttpServer());
    await http
      .get('/auth/mfa')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    await http
      .get('/auth/api-keys')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(app.get(MfaService)).toBeInstanceOf(MfaService);
    expect(app.get(PasswordResetService)).toBeInstanceOf(PasswordResetService);
  });
});

describe("basePath: 'identity'", () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApp(undefined, 'identity');
  });
  afterAll(() => app?.close());

  it('serves every route of the module under /identity, none under /auth', async () => {
    const http = request(app.getHttpServer());
    const body = { email: 'moved@example.com', password: PASSWORD };
    await http.post('/identity/register').send(body).expect(201);
    const res = await http.post('/identity/login').send(body).expect(200);
    const auth = { Authorization: `Bearer ${(res.body as { access_token: string }).access_token}` };

    await http.get('/identity/sessions').set(auth).expect(200);
    await http.get('/identity/mfa').set(auth).expect(200);
    await http.get('/identity/api-keys').set(auth).expect(200);
    await http.post('/auth/login').send(body).expect(404);
    await http.get('/auth/sessions').set(auth).expect(404);
    // The JWKS stays where verifiers look for it (404 here only because the test key is HS256).
    const jwks = await http.get('/.well-known/jwks.json');
    expect(jwks.body).not.toMatchObject({ message: expect.stringContaining('Cannot GET') });
  });

  it('refuses a base path that is not plain path segments, naming basePath', async () => {
    await expect(startApp(undefined, 'auth/:id')).rejects.toThrow(/basePath/);
  });
});
