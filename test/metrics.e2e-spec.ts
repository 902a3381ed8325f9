import { bearer, PASSWORD } from './support/auth-client';
import { AppProcess } from './support/app-process';
import { startTestApp, tempDbPath, type TestApp } from './support/test-app';

const sample = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
};

describe.each(['express', 'fastify'] as const)('GET /metrics (defaults, %s)', (adapter) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ adapter })));
  afterAll(() => t?.close());

  it('times every auth route by route, method and status, guards included', async () => {
    await t.http.post('/auth/register').send({ email: 'm@example.com', password: PASSWORD });
    await t.http.post('/auth/login').send({ email: 'm@example.com', password: 'wrong password!' });
    const { access_token: token } = (
      await t.http.post('/auth/login').send({ email: 'm@example.com', password: PASSWORD })
    ).body as { access_token: string };
    await t.http.delete('/auth/sessions/no-such-session').set(bearer(token));
    await t.http.get('/whoami').set(bearer(token)).expect(200);
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const count = (route: string, method: string, status: number) =>
      sample(
        res.text,
        `auth_http_request_duration_seconds_count{route="${route}",method="${method}",status="${status}"}`,
      );
    expect(count('/auth/register', 'POST', 201)).toBe(1);
    // The 401 comes from the local guard: the timing sees it, an interceptor would not.
    expect(count('/auth/login', 'POST', 401)).toBe(1);
    expect(count('/auth/login', 'POST', 200)).toBe(1);
    // A path parameter is labelled by the route, never by the caller's value.
    expect(res.text).toMatch(
      /auth_http_request_duration_seconds_count\{route="\/auth\/sessions\/:id",method="DELETE",status="\d{3}"\} 1/,
    );
    expect(res.text).not.toContain('no-such-session');
    // Only the module's routes: a host route is not timed.
    expect(res.text).not.toContain('route="/whoami"');
  });

  it('times bearer token verification by outcome', async () => {
    const login = await t.http
      .post('/auth/login')
      .send({ email: 'm@example.com', password: PASSWORD })
      .expect(200);
    await t.http.get('/auth/me').set(bearer(login.body.access_token)).expect(200);
    await t.http.get('/auth/me').set(bearer('not.a.token')).expect(401);
    const text = (await t.http.get('/metrics')).text;
    expect(
      sample(text, 'auth_token_verification_duration_seconds_count{outcome="accepted"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/auth_token_verification_duration_seconds_count\{outcome="malformed"\} 1/);
  });

  it('keeps the lockout, throttling and store-error series', async () => {
    const text = (await t.http.get('/metrics')).text;
    for (const name of ['auth_lockouts_total', 'auth_logins_total', 'auth_store_errors_total'])
      expect(text).toContain(`# TYPE ${name} counter`);
  });
});

describe.each(['express', 'fastify'] as const)(
  'GET METRICS_PATH behind METRICS_TOKEN (%s)',
  (adapter) => {
    const TOKEN = 'scrape-token-0123456789abcdef';
    let t: TestApp;
    beforeAll(
      async () =>
        (t = await startTestApp({
          adapter,
          env: { METRICS_PATH: '/internal/metrics', METRICS_TOKEN: TOKEN },
        })),
    );
    afterAll(() => t?.close());

    it('serves the configured path only', async () => {
      await t.http
        .get('/internal/metrics')
        .set(bearer(TOKEN))
        .expect(200)
        .expect(/auth_logins_total/);
      const old = await t.http.get('/metrics').set(bearer(TOKEN));
      expect(old.status).not.toBe(200);
    });

    it('answers 401 with a challenge without the token or with another one', async () => {
      const none = await t.http.get('/internal/metrics').expect(401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      await t.http
        .get('/internal/metrics')
        .set(bearer(`${TOKEN}x`))
        .expect(401);
    });
  },
);

describe('METRICS_TOKEN validation', () => {
  it('refuses to boot with a short token, naming the variable', async () => {
    const app = await AppProcess.start({
      LEX_ENV: 'test',
      DB_PATH: tempDbPath(),
      METRICS_TOKEN: 'short',
    });
    expect(await app.exitCode()).toBe(1);
    expect(app.output).toContain('METRICS_TOKEN must be at least 16 characters');
  });
});

describe('The module and the host on Fastify', () => {
  it('mount no Nest middleware, so middie does no work for any request', async () => {
    const t = await startTestApp({ adapter: 'fastify' });
    try {
      const fastify = t.app.getHttpAdapter().getInstance() as unknown as Record<symbol, unknown>;
      const flag = Object.getOwnPropertySymbols(fastify).find(
        (symbol) => symbol.description === 'fastify-middie-has-middlewares',
      );
      // middie is registered (Nest always does on Fastify) and has nothing to run.
      expect(flag).toBeDefined();
      expect(fastify[flag!]).toBeFalsy();
      await t.http.get('/metrics').expect(200);
    } finally {
      await t.close();
    }
  });
});
