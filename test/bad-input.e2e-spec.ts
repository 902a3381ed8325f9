import { bearer, PASSWORD, registerAndLogin } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

/** Every malformed request gets a 4xx JSON error in the contract's shape: never a 500 or a stack. */
describe('Bad input over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.http
      .post('/auth/register')
      .send({ email: 'victim@example.com', password: PASSWORD })
      .expect(201);
  });
  afterAll(() => t.close());

  const expectErrorBody = (body: Record<string, unknown>, status: number) => {
    expect(body).toEqual({
      statusCode: status,
      error: expect.any(String),
      message: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  };

  const post = (path: string, raw: string) =>
    t.http.post(path).set('Content-Type', 'application/json').send(raw);

  it.each([
    ['truncated JSON', '{"email":'],
    ['a bare string', '"hello"'],
    ['trailing garbage', '{"email":"a@b.c","password":"x"} junk'],
  ])('answers 400 for %s, without quoting the body', async (_name, raw) => {
    const res = await post('/auth/login', raw.replace('"x"', '"s3cret-in-body"')).expect(400);
    expectErrorBody(res.body, 400);
    expect(res.body.message).not.toContain('s3cret');
  });

  it.each([
    ['a missing password', { email: 'victim@example.com' }],
    ['a numeric email', { email: 42, password: PASSWORD }],
    ['an object as password', { email: 'victim@example.com', password: { $gt: '' } }],
    ['an array as email', { email: ['victim@example.com'], password: PASSWORD }],
    ['an unknown field', { email: 'victim@example.com', password: PASSWORD, isAdmin: true }],
    ['an empty password', { email: 'victim@example.com', password: '' }],
  ])('answers 400 on login for %s', async (_name, body) => {
    const res = await t.http.post('/auth/login').send(body).expect(400);
    expectErrorBody(res.body, 400);
    expect(res.body.error).toBe('RequestValidationError');
  });

  it.each([
    ['register', '/auth/register', { email: 'not-an-email', password: PASSWORD }],
    ['register', '/auth/register', { email: 'x@example.com', password: PASSWORD, role: 'admin' }],
    ['refresh', '/auth/refresh', { refresh_token: 123 }],
    ['refresh', '/auth/refresh', {}],
  ])('answers 400 on %s for a malformed body', async (_name, path, body) => {
    const res = await t.http.post(path).send(body).expect(400);
    expectErrorBody(res.body, 400);
  });

  it('answers 400 to a password change with mistyped fields', async () => {
    const pair = await registerAndLogin(t.http, 'typed@example.com');
    const res = await t.http
      .post('/auth/password')
      .set(bearer(pair.access_token))
      .send({ currentPassword: PASSWORD, newPassword: 12345678901234 })
      .expect(400);
    expectErrorBody(res.body, 400);
  });

  it('answers 413 to a body over the size limit', async () => {
    const res = await t.http
      .post('/auth/login')
      .send({ email: 'victim@example.com', password: 'x'.repeat(64 * 1024) })
      .expect(413);
    expectErrorBody(res.body, 413);
  });

  it('answers 400 to a deeply nested body', async () => {
    const nested = '['.repeat(5000) + ']'.repeat(5000);
    const res = await post('/auth/login', `{"email":${nested},"password":"x"}`).expect(400);
    expectErrorBody(res.body, 400);
  });

  it('answers 400 to credentials in the query string and does not log them in', async () => {
    const before = (await t.http.get('/metrics')).text;
    const res = await t.http
      .post(`/auth/login?email=victim@example.com&password=${encodeURIComponent(PASSWORD)}`)
      .send({})
      .expect(400);
    expectErrorBody(res.body, 400);
    const after = (await t.http.get('/metrics')).text;
    const verifications = (text: string) =>
      /auth_password_verifications_total (\d+)/.exec(text)?.[1];
    expect(verifications(after)).toBe(verifications(before));
  });

  it('does not accept an access token from the query string (RFC 6750 §2.3 is not supported)', async () => {
    const pair = await registerAndLogin(t.http, 'query@example.com');
    const res = await t.http.get(`/auth/me?access_token=${pair.access_token}`).expect(401);
    expect(res.body.error).toBe('InvalidTokenError');
  });

  it.each([
    ['no scheme', 'abc'],
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['a malformed JWT', 'Bearer not.a.jwt'],
    ['a JWT of garbage segments', 'Bearer e30.e30.e30'],
    ['an overlong token', `Bearer ${'a'.repeat(6000)}`],
  ])('answers 401 JSON for an Authorization header with %s', async (_name, header) => {
    const res = await t.http.get('/auth/me').set('Authorization', header).expect(401);
    expectErrorBody(res.body, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers 404 JSON for an unknown route', async () => {
    const res = await t.http.get('/no/such/route').expect(404);
    expectErrorBody(res.body, 404);
  });
});
