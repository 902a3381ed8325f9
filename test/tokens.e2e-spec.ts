import { createHmac, randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { AuthClock } from '../packages/nest-auth/src';
import { testKeyPair } from '../packages/nest-auth/src/testing';
import { bearer, login, registerAndLogin } from './support/auth-client';
import { FakeClock } from './support/fake-clock';
import { keyEnv } from './support/key-files';
import { startTestApp, tempDbPath, type TestApp } from './support/test-app';

const SECRET = 'e2e-secret-that-is-long-enough-for-hs512-signing-0123456789abcdef';
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const claimsOf = (token: string) => jwt.decode(token) as Record<string, unknown>;

/** HS256 over exactly these header and payload segments, however they are spelled. */
const hs256 = (header: string, payload: string) =>
  `${header}.${payload}.${createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')}`;
/** Re-signs a token's claims as raw JSON text (so `1e400` can stand for Infinity). */
const resigned = (typ: string, json: string) =>
  hs256(b64(JSON.stringify({ alg: 'HS256', typ })), b64(json));

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
      exp: now + 600,
      iss: 'lexigram-auth',
      ...claims,
      // The same instant as iat, as the server mints it.
      iat_ms: typeof claims.iat === 'number' ? claims.iat * 1000 : Date.now(),
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

  it('refuses exp Infinity (1e400), exp 1e20 and exp beyond iat + access TTL with 401 InvalidTokenError', async () => {
    const json = JSON.stringify(claimsOf(forge({})));
    const now = Math.floor(Date.now() / 1000);
    for (const token of [
      resigned('at+jwt', json.replace(/"exp":\d+/, '"exp":1e400')),
      resigned('at+jwt', json.replace(/"exp":\d+/, '"exp":1e20')),
      forge({ exp: now + 1801 }),
    ]) {
      const res = await me(token).expect(401);
      expect(res.body.error).toBe('InvalidTokenError');
    }
    await me(forge({ exp: now + 1800 })).expect(200);
  });

  it('answers a refresh token with exp 1e20 with 401, not a store outage (503)', async () => {
    const pair = await login(t.http, 'tok@example.com');
    const json = JSON.stringify(claimsOf(pair.refresh_token));
    for (const exp of ['1e20', '1e400']) {
      const forged = resigned('refresh+jwt', json.replace(/"exp":\d+/, `"exp":${exp}`));
      const res = await t.http.post('/auth/refresh').send({ refresh_token: forged }).expect(401);
      expect(res.body.error).toBe('InvalidTokenError');
    }
    await t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(200);
  });

  it('refuses a token issued in the future, so a future iat_ms cannot outlive a logout-all', async () => {
    const pair = await login(t.http, 'tok@example.com');
    const later = Date.now() + 3_600_000;
    const future = { ...claimsOf(pair.access_token), iat: Math.floor(later / 1000), iat_ms: later };
    const forged = resigned('at+jwt', JSON.stringify(future));
    await t.http.post('/auth/logout-all').set(bearer(pair.access_token)).expect(204);
    const res = await me(forged).expect(401);
    expect(res.body.error).toBe('InvalidTokenError');
    await me(forge({ nbf: Math.floor(Date.now() / 1000) + 60 })).expect(401);
  });

  it('refuses a header or payload segment that is not canonical base64url, though signed as sent', async () => {
    const [header, payload] = forge({}).split('.');
    const spellings = [
      [`${header}=`, payload],
      [header, `${payload}==`],
      [header.replace(/-/g, '+').replace(/_/g, '/') + '+', payload],
      [header, `${payload.slice(0, 8)}*${payload.slice(8)}`],
    ];
    for (const [h, p] of spellings) {
      const res = await me(hs256(h, p)).expect(401);
      expect(res.body.error).toBe('InvalidTokenError');
    }
    await me(hs256(header, payload)).expect(200);
  });

  it('refuses "Bearer <token> junk" with 401 invalid_token (RFC 6750 b64token syntax)', async () => {
    const token = forge({});
    for (const authorization of [`Bearer ${token} junk`, `Bearer ${token} ${token}`, 'Bearer']) {
      const res = await t.http.get('/auth/me').set('Authorization', authorization).expect(401);
      expect(res.body.error).toBe('InvalidTokenError');
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    }
    await t.http.get('/auth/me').set('Authorization', `bearer   ${token}`).expect(200);
  });

  it('mints RFC 9068 access tokens, and keeps refresh and access tokens apart', async () => {
    const pair = await login(t.http, 'tok@example.com');
    expect(jwt.decode(pair.access_token, { complete: true })?.header).toMatchObject({
      typ: 'at+jwt',
    });
    expect(claimsOf(pair.access_token)).toMatchObject({
      iss: 'lexigram-auth',
      aud: 'lexigram-auth',
      client_id: 'lexigram-auth',
      sub: userId,
      jti: expect.any(String) as string,
      iat: expect.any(Number) as number,
      exp: expect.any(Number) as number,
    });
    expect(claimsOf(pair.refresh_token)).not.toHaveProperty('client_id');
    expect((await me(pair.refresh_token).expect(401)).body.error).toBe('InvalidTokenError');
    await t.http.post('/auth/refresh').send({ refresh_token: pair.access_token }).expect(401);
    const json = JSON.stringify(claimsOf(pair.access_token));
    await me(resigned('application/at+jwt', json)).expect(200);
  });

  it('refuses a token whose signature was tampered with', async () => {
    const token = forge({});
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    await me(tampered).expect(401);
  });
});

describe('ES256 over HTTP', () => {
  const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: keyEnv('ES256', testKeyPair('ES256')) });
  });
  afterAll(() => t.close());

  it('refuses the high-S twin (r, n − s) of a token it accepts', async () => {
    const { access_token } = await registerAndLogin(t.http, 'es256@example.com');
    const dot = access_token.lastIndexOf('.');
    const signature = Buffer.from(access_token.slice(dot + 1), 'base64url');
    const s = P256_ORDER - BigInt(`0x${signature.subarray(32).toString('hex')}`);
    const twin = Buffer.concat([
      signature.subarray(0, 32),
      Buffer.from(s.toString(16).padStart(64, '0'), 'hex'),
    ]);
    await t.http.get('/auth/me').set(bearer(access_token)).expect(200);
    const res = await t.http
      .get('/auth/me')
      .set(bearer(`${access_token.slice(0, dot + 1)}${twin.toString('base64url')}`))
      .expect(401);
    expect(res.body.error).toBe('InvalidTokenError');
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
