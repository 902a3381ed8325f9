import { Secret, TOTP } from 'otpauth';
import { AuthClock, type TokenPair } from '../packages/nest-auth/src';
import { bearer, PASSWORD } from './support/auth-client';
import { FakeClock } from './support/fake-clock';
import { captureLogs, type LogCapture } from './support/log-capture';
import { startTestApp, type TestApp } from './support/test-app';
import { decodeQrPng } from './support/decode-qr';

const STEP_S = 30;
const TTL_S = 300;

describe('TOTP MFA over HTTP (SQLite, fake clock)', () => {
  // 10 s into a step, so ±1 step stays unambiguous while a test runs.
  const clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0, 10));
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LEX_AUTH__MAX_FAILED_ATTEMPTS: '5',
        LEX_AUTH__LOCKOUT_DURATION_SECONDS: '300',
        LEX_AUTH__MFA__CHALLENGE_TTL_SECONDS: String(TTL_S),
        // A role whose permission an API key can carry, for the 403 test.
        LEX_AUTH__ROLES: JSON.stringify({ member: { permissions: ['notes.read'] } }),
        LEX_AUTH__DEFAULT_ROLES: 'member',
      },
      override: (b) => b.overrideProvider(AuthClock).useValue({ now: clock.now }),
    });
  });
  afterAll(() => t.close());

  /** The code an authenticator app shows now, or `steps` steps away. */
  const codeOf = (secret: string, steps = 0): string =>
    new TOTP({
      secret: Secret.fromBase32(secret),
      algorithm: 'SHA1',
      digits: 6,
      period: STEP_S,
    }).generate({ timestamp: clock.now() + steps * STEP_S * 1000 });
  const nextStep = () => clock.advanceSeconds(STEP_S);

  const passwordLogin = (email: string, password = PASSWORD) =>
    t.http.post('/auth/login').send({ email, password });
  const verify = (challenge: string, code: string) =>
    t.http.post('/auth/mfa/verify').send({ challenge, code });

  async function register(email: string): Promise<TokenPair> {
    await t.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
    return (await passwordLogin(email).expect(200)).body as TokenPair;
  }

  /** Registers, enrols and confirms; the clock then stands one step later. */
  async function withMfa(email: string) {
    const pair = await register(email);
    const enrol = await t.http.post('/auth/mfa/totp').set(bearer(pair.access_token)).expect(201);
    const secret = enrol.body.secret as string;
    const confirmed = await t.http
      .post('/auth/mfa/totp/confirm')
      .set(bearer(pair.access_token))
      .send({ password: PASSWORD, code: codeOf(secret) })
      .expect(200);
    nextStep();
    return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[], pair };
  }

  async function challengeFor(email: string): Promise<string> {
    const res = await passwordLogin(email).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'MfaRequiredError' });
    // The challenge stands in for the password for a few minutes: no cache may keep it.
    expect(res.headers['cache-control']).toBe('no-store');
    return res.body.mfaChallenge as string;
  }

  /** A full MFA login; the clock moves on a step so the next code is fresh. */
  async function mfaLogin(email: string, secret: string): Promise<TokenPair> {
    const res = await verify(await challengeFor(email), codeOf(secret)).expect(200);
    nextStep();
    return res.body as TokenPair;
  }

  it('enrol → confirm → login asks for a code → verify gives a working token pair', async () => {
    const logs = captureLogs();
    try {
      await fullFlow(logs);
    } finally {
      logs.restore();
    }
  });

  async function fullFlow(logs: LogCapture): Promise<void> {
    const pair = await register('flow@example.com');
    await t.http
      .get('/auth/mfa')
      .set(bearer(pair.access_token))
      .expect(200, { enabled: false, recoveryCodesLeft: 0 });

    const enrol = await t.http.post('/auth/mfa/totp').set(bearer(pair.access_token)).expect(201);
    expect(enrol.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUri, qrCodeDataUrl } = enrol.body as {
      secret: string;
      otpauthUri: string;
      qrCodeDataUrl: string;
    };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The image is the URI, read back by a QR decoder.
    expect(decodeQrPng(qrCodeDataUrl)).toBe(otpauthUri);
    const uri = new URL(otpauthUri);
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Lexigram');
    expect(decodeURIComponent(uri.pathname)).toBe('/Lexigram:flow@example.com');
    // Pending: a password login still gets tokens.
    await passwordLogin('flow@example.com').expect(200);

    const confirmed = await t.http
      .post('/auth/mfa/totp/confirm')
      .set(bearer(pair.access_token))
      .send({ password: PASSWORD, code: codeOf(secret) })
      .expect(200);
    expect(confirmed.headers['cache-control']).toBe('no-store');
    const codes = confirmed.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    // Enabling MFA ended every earlier session, this one included.
    await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(401);
    nextStep();

    const challenge = await challengeFor('flow@example.com');
    expect(challenge).toMatch(/^[\w-]{43}$/);
    const res = await verify(challenge, codeOf(secret)).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const tokens = res.body as TokenPair;
    await t.http.get('/auth/me').set(bearer(tokens.access_token)).expect(200);
    await t.http
      .get('/auth/mfa')
      .set(bearer(tokens.access_token))
      .expect(200, { enabled: true, recoveryCodesLeft: 10 });
    await t.http.post('/auth/refresh').send({ refresh_token: tokens.refresh_token }).expect(200);

    expect(logs.text()).toContain('mfa_verify');
    for (const secretValue of [secret, challenge, ...codes]) {
      expect(logs.text()).not.toContain(secretValue);
    }
  }

  it('a wrong code is 401 InvalidMfaCodeError and the challenge stays open for another try', async () => {
    const { secret } = await withMfa('wrong@example.com');
    const challenge = await challengeFor('wrong@example.com');
    const wrong = String((Number(codeOf(secret)) + 1) % 1_000_000).padStart(6, '0');
    const res = await verify(challenge, wrong).expect(401);
    expect(res.body).toMatchObject({ error: 'InvalidMfaCodeError' });
    await verify(challenge, 'not-a-code').expect(401);
    await verify(challenge, codeOf(secret)).expect(200);
  });

  it('refuses a replayed code, and codes of steps at or before the last one used', async () => {
    const { secret } = await withMfa('replay@example.com');
    const code = codeOf(secret);
    await verify(await challengeFor('replay@example.com'), code).expect(200);
    await verify(await challengeFor('replay@example.com'), code).expect(401);
    await verify(await challengeFor('replay@example.com'), codeOf(secret, -1)).expect(401);
  });

  it('accepts codes one step early or late, not two', async () => {
    const { secret } = await withMfa('window@example.com');
    clock.advanceSeconds(3 * STEP_S);
    const email = 'window@example.com';
    await verify(await challengeFor(email), codeOf(secret, -2)).expect(401);
    await verify(await challengeFor(email), codeOf(secret, 2)).expect(401);
    await verify(await challengeFor(email), codeOf(secret, -1)).expect(200);
    await verify(await challengeFor(email), codeOf(secret, 1)).expect(200);
    // The late code spent step +1, so the current step's code is now a replay.
    await verify(await challengeFor(email), codeOf(secret)).expect(401);
  });

  it('a recovery code works once, in any case and spacing; the second use is refused', async () => {
    const { recoveryCodes } = await withMfa('recovery@example.com');
    const [first, second] = recoveryCodes;
    const res = await verify(await challengeFor('recovery@example.com'), first).expect(200);
    await verify(await challengeFor('recovery@example.com'), first).expect(401);
    const typed = second.toUpperCase().replace(/-/g, ' ');
    await verify(await challengeFor('recovery@example.com'), typed).expect(200);
    await t.http
      .get('/auth/mfa')
      .set(bearer((res.body as TokenPair).access_token))
      .expect(200, { enabled: true, recoveryCodesLeft: 8 });
  });

  it('a challenge completes one login only; a spent or expired one is refused', async () => {
    const { secret } = await withMfa('challenge@example.com');
    const challenge = await challengeFor('challenge@example.com');
    await verify(challenge, codeOf(secret)).expect(200);
    nextStep();
    const reused = await verify(challenge, codeOf(secret)).expect(401);
    expect(reused.body).toMatchObject({
      error: 'InvalidMfaCodeError',
      message: expect.stringMatching(/challenge/),
    });

    const late = await challengeFor('challenge@example.com');
    clock.advanceSeconds(TTL_S);
    await verify(late, codeOf(secret)).expect(401);
    await verify('A'.repeat(43), codeOf(secret)).expect(401);
  });

  it('of parallel verifications of one challenge with the right code, exactly one wins', async () => {
    const { secret } = await withMfa('parallel@example.com');
    const challenge = await challengeFor('parallel@example.com');
    const code = codeOf(secret);
    const results = await Promise.all(Array.from({ length: 8 }, () => verify(challenge, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(7);
  });

  it('binds the challenge to the client that logged in', async () => {
    const { secret } = await withMfa('client@example.com');
    const res = await t.http
      .post('/auth/login')
      .set('User-Agent', 'app/1.0')
      .send({ email: 'client@example.com', password: PASSWORD })
      .expect(401);
    const challenge = res.body.mfaChallenge as string;
    await t.http
      .post('/auth/mfa/verify')
      .set('User-Agent', 'other/2.0')
      .send({ challenge, code: codeOf(secret) })
      .expect(401);
    await t.http
      .post('/auth/mfa/verify')
      .set('User-Agent', 'app/1.0')
      .send({ challenge, code: codeOf(secret) })
      .expect(200);
  });

  it('5 wrong codes lock the account: 423 for the right code and for the password', async () => {
    const { secret } = await withMfa('locked@example.com');
    const challenge = await challengeFor('locked@example.com');
    for (let i = 0; i < 5; i++) await verify(challenge, '000000').expect(401);
    const res = await verify(challenge, codeOf(secret)).expect(423);
    expect(res.body).toMatchObject({ error: 'AccountLockedError', retryAfter: expect.any(Number) });
    await passwordLogin('locked@example.com').expect(423);
  });

  it('parallel wrong codes never check more than the lockout allows', async () => {
    await withMfa('storm@example.com');
    const challenge = await challengeFor('storm@example.com');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => verify(challenge, '000000')),
    );
    expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 423).length).toBeGreaterThanOrEqual(15);
  });

  it('a correct password does not reset the count of wrong codes', async () => {
    const { secret } = await withMfa('noreset@example.com');
    const first = await challengeFor('noreset@example.com');
    for (let i = 0; i < 3; i++) await verify(first, '000000').expect(401);
    // The password is right again (its own count starts over), the second factor's does not.
    const second = await challengeFor('noreset@example.com');
    for (let i = 0; i < 2; i++) await verify(second, '000000').expect(401);
    await verify(second, codeOf(secret)).expect(423);
  });

  it('disable needs the password and a code; then login gives tokens at once', async () => {
    const { secret, recoveryCodes } = await withMfa('disable@example.com');
    const tokens = await mfaLogin('disable@example.com', secret);
    const disable = (body: object) =>
      t.http.post('/auth/mfa/totp/disable').set(bearer(tokens.access_token)).send(body);

    const badPassword = await disable({ password: 'wrong password!!', code: codeOf(secret) });
    expect(badPassword.status).toBe(401);
    expect(badPassword.body).toMatchObject({ error: 'InvalidCredentialsError' });
    const badCode = await disable({ password: PASSWORD, code: '000000' }).expect(401);
    expect(badCode.body).toMatchObject({ error: 'InvalidMfaCodeError' });
    await disable({ password: PASSWORD }).expect(400);
    await disable({ password: PASSWORD, code: recoveryCodes[0] }).expect(204);

    // Disabling ended every session too.
    await t.http.get('/auth/me').set(bearer(tokens.access_token)).expect(401);
    clock.advanceSeconds(1);
    const fresh = (await passwordLogin('disable@example.com').expect(200)).body as TokenPair;
    await t.http
      .get('/auth/mfa')
      .set(bearer(fresh.access_token))
      .expect(200, { enabled: false, recoveryCodesLeft: 0 });
  });

  it('enrolment states: 409 when already on or nothing pending; a restart voids the old secret', async () => {
    const pair = await register('states@example.com');
    const auth = bearer(pair.access_token);
    const confirm = (code: string, password = PASSWORD) =>
      t.http.post('/auth/mfa/totp/confirm').set(auth).send({ password, code });
    await confirm('123456').expect(409);
    const first = (await t.http.post('/auth/mfa/totp').set(auth).expect(201)).body.secret;
    const second = (await t.http.post('/auth/mfa/totp').set(auth).expect(201)).body.secret;
    expect(second).not.toBe(first);
    expect((await confirm(codeOf(first))).status).toBe(401);
    // The password is asked again: an access token alone cannot turn a second factor on.
    const noPassword = await confirm(codeOf(second), 'wrong password!!').expect(401);
    expect(noPassword.body).toMatchObject({ error: 'InvalidCredentialsError' });
    await t.http
      .post('/auth/mfa/totp/confirm')
      .set(auth)
      .send({ code: codeOf(second) })
      .expect(400);
    await confirm(codeOf(second)).expect(200);
    nextStep();
    const tokens = await mfaLogin('states@example.com', second);
    const res = await t.http.post('/auth/mfa/totp').set(bearer(tokens.access_token)).expect(409);
    expect(res.body).toMatchObject({ error: 'AccountStateConflictError' });
  });

  it('regenerating recovery codes voids the old ones', async () => {
    const { secret, recoveryCodes } = await withMfa('regen@example.com');
    const tokens = await mfaLogin('regen@example.com', secret);
    const res = await t.http
      .post('/auth/mfa/recovery-codes')
      .set(bearer(tokens.access_token))
      .send({ code: codeOf(secret) })
      .expect(200);
    const fresh = res.body.recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    await verify(await challengeFor('regen@example.com'), recoveryCodes[1]).expect(401);
    await verify(await challengeFor('regen@example.com'), fresh[0]).expect(200);
  });

  it('refuses an API key on the MFA routes with 403', async () => {
    const pair = await register('apikey@example.com');
    const created = await t.http
      .post('/auth/api-keys')
      .set(bearer(pair.access_token))
      .send({ name: 'script', scopes: ['notes.read'] });
    expect(created.status).toBe(201);
    const key = { 'X-API-Key': created.body.key as string };
    const res = await t.http.get('/auth/mfa').set(key).expect(403);
    expect(res.body).toMatchObject({ error: 'InsufficientPermissionsError' });
    await t.http.post('/auth/mfa/totp').set(key).expect(403);
  });

  it('takes no query string and no unknown fields on verify', async () => {
    await t.http
      .post('/auth/mfa/verify?code=123456')
      .send({ challenge: 'x'.repeat(43), code: '123456' })
      .expect(400);
    await t.http
      .post('/auth/mfa/verify')
      .send({ challenge: 'x'.repeat(43), code: '123456', extra: 1 })
      .expect(400);
  });
});

describe('TOTP MFA switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { LEX_AUTH__MFA__ENABLED: 'false', LEX_AUTH__LOGIN_RATE_LIMIT: '2/minute' },
    });
  });
  afterAll(() => t.close());

  it('answers 404 FeatureDisabledError on its routes', async () => {
    await t.http.post('/auth/register').send({ email: 'off@example.com', password: PASSWORD });
    const login = await t.http
      .post('/auth/login')
      .send({ email: 'off@example.com', password: PASSWORD })
      .expect(200);
    const auth = bearer((login.body as TokenPair).access_token);
    const res = await t.http.post('/auth/mfa/totp').set(auth).expect(404);
    expect(res.body).toMatchObject({ error: 'FeatureDisabledError' });
    await t.http.get('/auth/mfa').set(auth).expect(404);
    await t.http
      .post('/auth/mfa/verify')
      .send({ challenge: 'x'.repeat(43), code: '123456' })
      .expect(404);
  });

  it('answers 404 before validating the body or spending the rate limit', async () => {
    // login_rate_limit is 2/minute here: a throttled route would answer 429 by the third call.
    for (const body of [{}, { challenge: 1 }, { extra: true }, { code: '1'.repeat(5000) }]) {
      const res = await t.http.post('/auth/mfa/verify').send(body).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'FeatureDisabledError' });
    }
  });
});
