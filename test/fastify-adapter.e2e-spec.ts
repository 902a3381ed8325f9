import { bearer, login, PASSWORD, registerAndLogin } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

/** The core flows on HTTP_ADAPTER=fastify: the same answers, bodies and headers as on Express. */
describe('Example host on the Fastify adapter', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      adapter: 'fastify',
      env: { LEX_AUTH__LOGIN_RATE_LIMIT: '3/minute' },
    });
  });
  afterAll(() => t.close());

  it('registers (201), logs in, serves /auth/me and /whoami with the principal', async () => {
    const pair = await registerAndLogin(t.http, 'fast@example.com');
    const me = await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(200);
    expect(me.body.email).toBe('fast@example.com');
    const who = await t.http.get('/whoami').set(bearer(pair.access_token)).expect(200);
    expect(who.body).toMatchObject({ userId: me.body.id, sessionId: expect.any(String) });
  });

  it('rotates a refresh token and refuses the spent one', async () => {
    const pair = await login(t.http, 'fast@example.com');
    const res = await t.http
      .post('/auth/refresh')
      .send({ refresh_token: pair.refresh_token })
      .expect(200);
    expect(res.body.token_type).toBe('Bearer');
    await t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(401);
  });

  it('logs out (204) and then refuses the access token with 401 WWW-Authenticate', async () => {
    const pair = await registerAndLogin(t.http, 'out@example.com');
    await t.http.post('/auth/logout').set(bearer(pair.access_token)).send({}).expect(204);
    const res = await t.http.get('/whoami').set(bearer(pair.access_token)).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'TokenBlacklistedError' });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
    const res = await t.http.get('/whoami').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(res.body.error).toBe('InvalidTokenError');
  });

  it('answers 400 RequestValidationError to malformed JSON without quoting the body', async () => {
    const res = await t.http
      .post('/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email":"x@example.com","password":"hunter2-secret')
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'RequestValidationError',
      message: 'The request body is not valid JSON.',
    });
    expect(res.text).not.toContain('hunter2');
  });

  it('answers 413 PayloadTooLargeError to a body over 16 KiB', async () => {
    const res = await t.http
      .post('/auth/register')
      .send({ email: 'big@example.com', password: 'x'.repeat(20_000) })
      .expect(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'PayloadTooLargeError',
      message: 'The request body is too large.',
    });
  });

  it('answers 429 with Retry-After past the login rate limit', async () => {
    let last = await t.http
      .post('/auth/login')
      .send({ email: 'x@example.com', password: PASSWORD });
    for (let i = 0; i < 5 && last.status !== 429; i += 1) {
      last = await t.http.post('/auth/login').send({ email: 'x@example.com', password: PASSWORD });
    }
    expect(last.status).toBe(429);
    expect(last.body.error).toBe('LoginRateLimitError');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});
