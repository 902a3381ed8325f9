import {
  AuthenticatorProtocol,
  AuthService,
  CompositeAuthenticator,
  ConcurrencyLimitedPasswordHasher,
  DelegatingPasswordHasher,
  InvalidTokenError,
  LoginAttemptTracker,
  PasswordHasher,
  WorkerBcryptPasswordHasher,
  TokenBlacklist,
  TokenBlacklistedError,
  UserStore,
} from '../packages/nest-auth/src';
import { DataSource } from 'typeorm';
import { ReplicatedTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/replicated-token-blacklist';
import { TypeOrmLoginAttemptTracker, TypeOrmUserStore } from '../packages/nest-auth/src/typeorm';
import { bearer, login, PASSWORD, registerAndLogin } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('Auth routes over HTTP (example host, SQLite)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('POST /auth/register', () => {
    it('creates a user and answers 201 {id, email, createdAt} with the email normalised', async () => {
      const res = await t.http
        .post('/auth/register')
        .send({ email: '  Reg@Example.COM ', password: PASSWORD })
        .expect(201);
      expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'email', 'id']);
      expect(res.body.email).toBe('reg@example.com');
      expect(new Date(res.body.createdAt).toString()).not.toBe('Invalid Date');
    });

    it('answers 409 UserAlreadyExistsError for a taken email, whatever its case', async () => {
      await t.http
        .post('/auth/register')
        .send({ email: 'dup@example.com', password: PASSWORD })
        .expect(201);
      const res = await t.http
        .post('/auth/register')
        .send({ email: 'DUP@example.com', password: PASSWORD })
        .expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'UserAlreadyExistsError' });
    });

    it('answers 422 with every broken rule for a weak password', async () => {
      const res = await t.http
        .post('/auth/register')
        .send({ email: 'weak@example.com', password: 'password' })
        .expect(422);
      expect(res.body.error).toBe('PasswordPolicyError');
      expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(
        expect.arrayContaining(['min_length', 'common_password']),
      );
    });
  });

  describe('POST /auth/login', () => {
    it('answers 200 with an RFC 6749 token pair and Cache-Control: no-store', async () => {
      await t.http
        .post('/auth/register')
        .send({ email: 'pair@example.com', password: PASSWORD })
        .expect(201);
      const res = await t.http
        .post('/auth/login')
        .send({ email: 'pair@example.com', password: PASSWORD })
        .expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 1800,
      });
    });

    it('answers the same 401 body for a wrong password and for an unknown user', async () => {
      await t.http
        .post('/auth/register')
        .send({ email: 'same@example.com', password: PASSWORD })
        .expect(201);
      const wrong = await t.http
        .post('/auth/login')
        .send({ email: 'same@example.com', password: 'not the password!' })
        .expect(401);
      const unknown = await t.http
        .post('/auth/login')
        .send({ email: 'nobody@example.com', password: 'not the password!' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toEqual({
        statusCode: 401,
        error: 'InvalidCredentialsError',
        message: expect.any(String),
      });
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      await t.http
        .post('/auth/register')
        .send({ email: 'case@example.com', password: PASSWORD })
        .expect(201);
      await t.http
        .post('/auth/login')
        .send({ email: ' CASE@Example.com ', password: PASSWORD })
        .expect(200);
    });
  });

  describe('GET /auth/me', () => {
    it('returns the caller for a valid access token', async () => {
      const pair = await registerAndLogin(t.http, 'me@example.com');
      const res = await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(200);
      expect(res.body).toMatchObject({ email: 'me@example.com' });
      expect(res.body).not.toHaveProperty('passwordHash');
    });

    it('reads the user once per request, by primary key (no cache: role changes and deletions apply at once)', async () => {
      const pair = await registerAndLogin(t.http, 'one-read@example.com');
      const logger = t.app.get(DataSource).logger;
      const logQuery = jest.spyOn(logger, 'logQuery');
      try {
        await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(200);
        const userReads = logQuery.mock.calls
          .map(([sql]) => sql)
          .filter((sql) => /\bFROM "users"/i.test(sql));
        expect(userReads).toHaveLength(1);
        expect(userReads[0]).toMatch(/ FROM "users" WHERE "id" = \?$/);
      } finally {
        logQuery.mockRestore();
      }
    });

    it('answers 401 with a WWW-Authenticate challenge without a token', async () => {
      const res = await t.http.get('/auth/me').expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body.error).toBe('InvalidTokenError');
    });

    it('answers 401 error="invalid_token" for a refresh token used as an access token', async () => {
      const pair = await registerAndLogin(t.http, 'swap@example.com');
      const res = await t.http.get('/auth/me').set(bearer(pair.refresh_token)).expect(401);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates: returns a new pair and spends the presented refresh token', async () => {
      const pair = await registerAndLogin(t.http, 'rotate@example.com');
      const res = await t.http
        .post('/auth/refresh')
        .send({ refresh_token: pair.refresh_token })
        .expect(200);
      expect(res.body.refresh_token).not.toBe(pair.refresh_token);
      await t.http.get('/auth/me').set(bearer(res.body.access_token)).expect(200);
    });

    it('revokes the whole session when a spent refresh token is presented again', async () => {
      const pair = await registerAndLogin(t.http, 'reuse@example.com');
      const next = (
        await t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(200)
      ).body;
      const reuse = await t.http
        .post('/auth/refresh')
        .send({ refresh_token: pair.refresh_token })
        .expect(401);
      expect(reuse.body.error).toBe('TokenBlacklistedError');
      // The attacker's copy and the victim's new tokens of that session are all dead now.
      await t.http.post('/auth/refresh').send({ refresh_token: next.refresh_token }).expect(401);
      await t.http.get('/auth/me').set(bearer(next.access_token)).expect(401);
      // Other sessions of the user are untouched.
      const other = await login(t.http, 'reuse@example.com');
      await t.http.get('/auth/me').set(bearer(other.access_token)).expect(200);
    });

    it('refuses an access token presented as a refresh token', async () => {
      const pair = await registerAndLogin(t.http, 'wrongkind@example.com');
      const res = await t.http
        .post('/auth/refresh')
        .send({ refresh_token: pair.access_token })
        .expect(401);
      expect(res.body.error).toBe('InvalidTokenError');
    });

    it('exactly one of two concurrent refreshes with the same token wins', async () => {
      const pair = await registerAndLogin(t.http, 'race@example.com');
      const results = await Promise.all(
        [1, 2].map(() => t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });
  });

  describe('POST /auth/logout', () => {
    it('answers 204 and revokes the access and refresh tokens of the session', async () => {
      const pair = await registerAndLogin(t.http, 'logout@example.com');
      await t.http.post('/auth/logout').set(bearer(pair.access_token)).send({}).expect(204);
      const me = await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(401);
      expect(me.body.error).toBe('TokenBlacklistedError');
      await t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(401);
    });

    it('also revokes another session whose refresh token is sent in the body', async () => {
      const a = await registerAndLogin(t.http, 'logout2@example.com');
      const b = await login(t.http, 'logout2@example.com');
      await t.http
        .post('/auth/logout')
        .set(bearer(a.access_token))
        .send({ refresh_token: b.refresh_token })
        .expect(204);
      await t.http.post('/auth/refresh').send({ refresh_token: b.refresh_token }).expect(401);
    });

    it('answers 401 without a bearer token', async () => {
      await t.http.post('/auth/logout').send({}).expect(401);
    });
  });

  describe('POST /auth/logout-all', () => {
    it('revokes every session of the user, and tokens minted right after still work', async () => {
      const a = await registerAndLogin(t.http, 'all@example.com');
      const b = await login(t.http, 'all@example.com');
      await t.http.post('/auth/logout-all').set(bearer(a.access_token)).expect(204);
      // Same second as the revocation: told apart by the millisecond issue instant.
      const fresh = await login(t.http, 'all@example.com');
      await t.http.get('/auth/me').set(bearer(a.access_token)).expect(401);
      await t.http.get('/auth/me').set(bearer(b.access_token)).expect(401);
      await t.http.post('/auth/refresh').send({ refresh_token: b.refresh_token }).expect(401);
      await t.http.get('/auth/me').set(bearer(fresh.access_token)).expect(200);
    });
  });

  describe('POST /auth/password', () => {
    it('changes the password (204), revokes earlier tokens, and the new password logs in', async () => {
      const pair = await registerAndLogin(t.http, 'change@example.com');
      const newPassword = 'a brand new passphrase 42';
      await t.http
        .post('/auth/password')
        .set(bearer(pair.access_token))
        .send({ currentPassword: PASSWORD, newPassword })
        .expect(204);
      await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(401);
      await t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(401);
      await t.http
        .post('/auth/login')
        .send({ email: 'change@example.com', password: PASSWORD })
        .expect(401);
      const fresh = await login(t.http, 'change@example.com', newPassword);
      await t.http.get('/auth/me').set(bearer(fresh.access_token)).expect(200);
    });

    it('answers 401 for a wrong current password and 422 for a weak new one', async () => {
      const pair = await registerAndLogin(t.http, 'change2@example.com');
      await t.http
        .post('/auth/password')
        .set(bearer(pair.access_token))
        .send({ currentPassword: 'wrong wrong wrong', newPassword: 'another good passphrase' })
        .expect(401);
      const weak = await t.http
        .post('/auth/password')
        .set(bearer(pair.access_token))
        .send({ currentPassword: PASSWORD, newPassword: 'short' })
        .expect(422);
      expect(weak.body.violations[0]).toEqual({ rule: 'min_length', message: expect.any(String) });
      await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(200);
    });
  });

  describe('GET /health and /metrics', () => {
    it('reports the database up', async () => {
      const res = await t.http.get('/health').expect(200);
      expect(res.body.info.database.status).toBe('up');
      await t.http.get('/health/live').expect(200);
      await t.http.get('/health/ready').expect(200);
    });

    it('serves the auth counters as Prometheus text', async () => {
      const res = await t.http.get('/metrics').expect(200);
      expect(res.headers['content-type']).toContain('text/plain');
      for (const name of [
        'auth_password_verifications_total',
        'auth_logins_total{outcome="success"}',
        'auth_token_rejections_total{reason=',
        'auth_lockouts_total',
      ]) {
        expect(res.text).toContain(name);
      }
    });
  });

  describe('providers in the host container', () => {
    it('resolves every public token to its default implementation', () => {
      // Bearer tokens, plus API keys (api_keys.enabled is on by default).
      expect(t.app.get(AuthenticatorProtocol)).toBeInstanceOf(CompositeAuthenticator);
      expect(t.app.get(LoginAttemptTracker)).toBeInstanceOf(TypeOrmLoginAttemptTracker);
      expect(t.app.get(TokenBlacklist)).toBeInstanceOf(ReplicatedTokenBlacklist);
      expect(t.app.get(UserStore)).toBeInstanceOf(TypeOrmUserStore);
      // Hashing is capped at password.max_concurrent_hashes at once, bcrypt on as many
      // low-priority worker threads.
      const hasher = t.app.get<PasswordHasher, ConcurrencyLimitedPasswordHasher>(PasswordHasher);
      expect(hasher).toBeInstanceOf(ConcurrencyLimitedPasswordHasher);
      expect(hasher.inner).toBeInstanceOf(DelegatingPasswordHasher);
      expect((hasher.inner as DelegatingPasswordHasher).current).toBeInstanceOf(
        WorkerBcryptPasswordHasher,
      );
      expect(t.app.get(AuthService)).toBeInstanceOf(AuthService);
    });

    it('refreshToken() returns a Result and never throws for a bad token', async () => {
      const auth = t.app.get(AuthService);
      const bad = await auth.refreshToken('not-a-token');
      expect(bad.isErr()).toBe(true);
      expect(bad.unwrapErr()).toBeInstanceOf(InvalidTokenError);

      const pair = await registerAndLogin(t.http, 'result@example.com');
      const ok = await auth.refreshToken(pair.refresh_token);
      expect(ok.isOk()).toBe(true);
      expect(ok.unwrap().token_type).toBe('Bearer');
      const reused = await auth.refreshToken(pair.refresh_token);
      expect(reused.unwrapErr()).toBeInstanceOf(TokenBlacklistedError);
    });
  });
});
