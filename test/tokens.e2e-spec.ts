import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { AuthClock } from '../src/auth';
import { bearer, login, registerAndLogin } from './support/auth-client';
import { FakeClock } from './support/fake-clock';
import { startTestApp, tempDbPath, type TestApp } from './support/test-app';

const SECRET = 'e2e-secret-that-is-long-enough-for-hs512-signing-0123456789abcdef';

describe('Bearer token checks over HTTP', () => {
  let t: TestApp;
  let userId: string;

  /** Signs claims with the server's own secret, so only the property under test is wrong. */
  const forge = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      sub: userId,
      sid: randomUUID(),
      jti: randomUUID(),
      iat: now,
      iat_ms: Date.now(),
      exp: now + 600,
      iss: 'lexigram-auth',
      ...claims,
    };
    return jwt.sign(payload, SECRET, {
      algorithm: 'HS256',
      header: { alg: options.algorithm ?? 'HS256', typ: 'at+jwt' },
      ...options,
    });
  };
  const me = (token: string) => t.http.get('/auth/me').set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__SECRET_KEY: SECRET } });
    const res = await t.http
      .post('/auth/register')
      .send({ email: 'tok@example.com', password: 'correct horse battery staple' });
    userId = res.body.id;
  });
  afterAll(() => t.close());

  it('accepts a well-formed token signed with the configured secret and algorithm', async () => {
    await me(forge({})).expect(200);
  });

  it('refuses a token signed with the right secret but another HMAC algorithm (HS384)', async () => {
    const res = await me(forge({}, { algorithm: 'HS384' })).expect(401);
    expect(res.body.error).toBe('InvalidTokenError');
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const unsigned = jwt.sign({ sub: userId, exp: Math.floor(Date.now() / 1000) + 600 }, '', {
      algorithm: 'none',
    });
    await me(unsigned).expect(401);
  });

  it('refuses a token without exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = jwt.sign(
      {
        sub: userId,
        sid: randomUUID(),
        jti: randomUUID(),
        iat: now,
        iat_ms: Date.now(),
        iss: 'lexigram-auth',
      },
      SECRET,
      { algorithm: 'HS256', header: { alg: 'HS256', typ: 'at+jwt' } },
    );
    await me(token).expect(401);
  });

  it('refuses a token from another issuer', async () => {
    await me(forge({ iss: 'someone-else' })).expect(401);
  });

  it('refuses an expired token with TokenExpiredError', async () => {
    const past = Math.floor(Date.now() / 1000) - 120;
    const res = await me(forge({ iat: past - 600, exp: past })).expect(401);
    expect(res.body.error).toBe('TokenExpiredError');
  });

  it('refuses a token whose signature was tampered with', async () => {
    const token = forge({});
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    await me(tampered).expect(401);
  });
});

describe('Audience', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LEX_AUTH__SECRET_KEY: SECRET,
        LEX_AUTH__TOKEN__AUDIENCE: 'svc-a',
        LEX_AUTH__TOKEN__REQUIRED_AUDIENCE: 'svc-a',
      },
    });
  });
  afterAll(() => t.close());

  it('mints aud from token.audience and accepts it when it is the required audience', async () => {
    const pair = await registerAndLogin(t.http, 'aud@example.com');
    expect((jwt.decode(pair.access_token) as { aud: string }).aud).toBe('svc-a');
    await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(200);
  });

  it('refuses a token for another audience with TokenAudienceError', async () => {
    const pair = await login(t.http, 'aud@example.com');
    const claims = jwt.decode(pair.access_token) as Record<string, unknown>;
    const other = jwt.sign({ ...claims, aud: 'svc-b' }, SECRET, {
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: 'at+jwt' },
    });
    const res = await t.http.get('/auth/me').set(bearer(other)).expect(401);
    expect(res.body.error).toBe('TokenAudienceError');
  });
});

describe('Token lifetime on a moving clock', () => {
  const clock = new FakeClock(Date.now());
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      override: (b) => b.overrideProvider(AuthClock).useValue({ now: clock.now }),
    });
  });
  afterAll(() => t.close());

  it('expires access tokens after access_ttl_seconds, and refresh still works until its own expiry', async () => {
    const pair = await registerAndLogin(t.http, 'ttl@example.com');
    clock.advanceSeconds(1799);
    await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(200);
    clock.advanceSeconds(2);
    const res = await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(401);
    expect(res.body.error).toBe('TokenExpiredError');
    const next = await t.http
      .post('/auth/refresh')
      .send({ refresh_token: pair.refresh_token })
      .expect(200);
    await t.http.get('/auth/me').set(bearer(next.body.access_token)).expect(200);
    clock.advanceSeconds(604801);
    await t.http.post('/auth/refresh').send({ refresh_token: next.body.refresh_token }).expect(401);
  });
});

describe('Revocations survive a restart (database store)', () => {
  it('keeps logout and logout-all revocations on the same SQLite file across app instances', async () => {
    const dbPath = tempDbPath();
    const first = await startTestApp({ dbPath });
    const loggedOut = await registerAndLogin(first.http, 'restart@example.com');
    await first.http.post('/auth/logout').set(bearer(loggedOut.access_token)).send({}).expect(204);
    const everywhere = await login(first.http, 'restart@example.com');
    const other = await login(first.http, 'restart@example.com');
    await first.http.post('/auth/logout-all').set(bearer(everywhere.access_token)).expect(204);
    await first.close();

    const second = await startTestApp({ dbPath });
    try {
      for (const token of [loggedOut.access_token, everywhere.access_token, other.access_token]) {
        const res = await second.http.get('/auth/me').set(bearer(token)).expect(401);
        expect(res.body.error).toBe('TokenBlacklistedError');
      }
      await second.http
        .post('/auth/refresh')
        .send({ refresh_token: other.refresh_token })
        .expect(401);
      const fresh = await login(second.http, 'restart@example.com');
      await second.http.get('/auth/me').set(bearer(fresh.access_token)).expect(200);
    } finally {
      await second.close();
    }
  });
});
