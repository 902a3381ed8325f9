import { LoginAttemptTracker } from '../packages/nest-auth/src';
import { metric, PASSWORD } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

const WRONG = 'definitely not the password';

describe('Account lockout over HTTP (database store)', () => {
  let t: TestApp;
  const loginAs = (email: string, password = WRONG) =>
    t.http.post('/auth/login').send({ email, password });

  beforeAll(async () => {
    t = await startTestApp({
      env: { LEX_AUTH__MAX_FAILED_ATTEMPTS: '5', LEX_AUTH__LOCKOUT_DURATION_SECONDS: '300' },
    });
    for (const email of [
      'race@example.com',
      'locked@example.com',
      'reset@example.com',
      'admin@example.com',
    ]) {
      await t.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
    }
  });
  afterAll(() => t.close());

  it('40 parallel wrong logins run at most 5 password verifications; the rest get 423', async () => {
    const before = await metric(t.http, 'auth_password_verifications_total');
    const results = await Promise.all(
      Array.from({ length: 40 }, () => loginAs('race@example.com')),
    );
    const after = await metric(t.http, 'auth_password_verifications_total');
    const statuses = results.map((r) => r.status);
    expect(after - before).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401)).toHaveLength(after - before);
    expect(statuses.filter((s) => s === 423)).toHaveLength(40 - (after - before));
  });

  it('locks after 5 failures: 423 with Retry-After even for the right password, which is not checked', async () => {
    for (let i = 0; i < 5; i++) await loginAs('locked@example.com').expect(401);
    const before = await metric(t.http, 'auth_password_verifications_total');
    const res = await loginAs('locked@example.com', PASSWORD).expect(423);
    expect(res.body).toMatchObject({
      statusCode: 423,
      error: 'AccountLockedError',
      retryAfter: expect.any(Number),
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(250);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(300);
    expect(await metric(t.http, 'auth_password_verifications_total')).toBe(before);
    expect(await metric(t.http, 'auth_lockouts_total')).toBeGreaterThanOrEqual(1);
  });

  it('locks unknown identifiers exactly like known ones', async () => {
    for (let i = 0; i < 5; i++) await loginAs('ghost@example.com').expect(401);
    await loginAs('ghost@example.com').expect(423);
  });

  it('counts an identifier once whatever its case or spacing', async () => {
    for (const email of [
      'Norm@Example.com',
      ' norm@example.com',
      'NORM@EXAMPLE.COM',
      'norm@example.com ',
      'norm@example.com',
    ]) {
      await loginAs(email).expect(401);
    }
    await loginAs('norm@example.com').expect(423);
  });

  it('a successful login resets the count', async () => {
    for (let i = 0; i < 4; i++) await loginAs('reset@example.com').expect(401);
    await loginAs('reset@example.com', PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await loginAs('reset@example.com').expect(401);
    await loginAs('reset@example.com', PASSWORD).expect(200);
  });

  it('an admin unlocks with tracker.clear(identifier) resolved from the container', async () => {
    for (let i = 0; i < 5; i++) await loginAs('admin@example.com').expect(401);
    await loginAs('admin@example.com', PASSWORD).expect(423);
    const tracker = t.app.get(LoginAttemptTracker);
    expect((await tracker.status('admin@example.com')).lockedUntil).toBeInstanceOf(Date);
    await tracker.clear('Admin@Example.com');
    await loginAs('admin@example.com', PASSWORD).expect(200);
  });
});

describe('Login rate limit over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__LOGIN_RATE_LIMIT: '3/minute' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the limit, before any credential check', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http
        .post('/auth/login')
        .send({ email: `rl${i}@example.com`, password: WRONG })
        .expect(401);
    }
    const before = await metric(t.http, 'auth_password_verifications_total');
    const res = await t.http
      .post('/auth/login')
      .send({ email: 'rl9@example.com', password: WRONG })
      .expect(429);
    expect(res.body).toMatchObject({
      statusCode: 429,
      error: 'LoginRateLimitError',
      retryAfter: expect.any(Number),
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Even a malformed login is throttled first: the limit protects the validator too.
    await t.http.post('/auth/login').send({ nonsense: true }).expect(429);
    expect(await metric(t.http, 'auth_password_verifications_total')).toBe(before);
    expect(
      await metric(t.http, 'auth_logins_total{outcome="rate_limited"}'),
    ).toBeGreaterThanOrEqual(2);
  });

  it('does not throttle other routes', async () => {
    for (let i = 0; i < 5; i++) await t.http.get('/health/live').expect(200);
  });
});
