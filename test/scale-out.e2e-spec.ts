import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess } from './support/app-process';
import { PASSWORD } from './support/auth-client';
import { sharedPostgres } from './support/services/shared-services';
import { RedisTestServer } from './support/services/redis-server';

type Json = Record<string, unknown>;

/** Requests must answer, not hang: a call that takes longer than this fails the test. */
const NO_HANG_MS = 2500;
const measurements: Record<string, number> = {};

/** Two instances of the example host behind an imaginary balancer: one Redis, one PostgreSQL. */
describe('Several instances sharing Redis and PostgreSQL', () => {
  let redis: RedisTestServer;
  let a: AppProcess;
  let b: AppProcess;
  let clientNo = 0;

  /** A distinct client address per logical client (TEST-NET-3, only ever a header value). */
  const nextClient = () => `203.0.113.${(clientNo++ % 250) + 1}`;

  const call = async (
    app: AppProcess,
    method: string,
    path: string,
    body?: Json,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextClient(), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(NO_HANG_MS),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : {}) as Json,
      headers: res.headers,
    };
  };
  const login = (app: AppProcess, email: string, password: string, client?: string) =>
    call(
      app,
      'POST',
      '/auth/login',
      { email, password },
      client ? { 'x-forwarded-for': client } : {},
    );
  const me = (app: AppProcess, token: string) =>
    call(app, 'GET', '/auth/me', undefined, { authorization: `Bearer ${token}` });
  const verifications = async (app: AppProcess) => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    return Number(/^auth_password_verifications_total (\d+)/m.exec(text)?.[1] ?? 0);
  };
  const register = async (email: string) =>
    expect((await call(a, 'POST', '/auth/register', { email, password: PASSWORD })).status).toBe(
      201,
    );

  beforeAll(async () => {
    redis = await RedisTestServer.start({ appendOnly: true });
    const pg = await sharedPostgres().createDatabase();
    const env = {
      LEX_ENV: 'test',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'loopback',
      LEX_AUTH__STORE: 'redis',
      REDIS_URL: redis.url,
      LEX_AUTH__PASSWORD__ROUNDS: '4',
      DB_TYPE: 'postgres',
      DB_HOST: pg.host,
      DB_PORT: String(pg.port),
      DB_USER: pg.user,
      DB_PASS: '',
      DB_NAME: pg.database,
    };
    // A migrates the fresh database first; B then finds the schema current.
    a = await AppProcess.start(env);
    await a.ready();
    b = await AppProcess.start(env);
    await b.ready();
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      join('test-artifacts', 'scale-out.json'),
      `${JSON.stringify(measurements, null, 2)}\n`,
    );
  });

  it('a lock made through instance A holds on instance B', async () => {
    await register('locked@example.com');
    for (let i = 0; i < 5; i++)
      expect((await login(a, 'locked@example.com', 'wrong password!!')).status).toBe(401);
    const res = await login(b, 'locked@example.com', PASSWORD);
    expect(res.status).toBe(423);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('50 parallel wrong logins over both instances verify at most 5 passwords', async () => {
    await register('race@example.com');
    const before = (await verifications(a)) + (await verifications(b));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        login(i % 2 ? a : b, 'race@example.com', 'wrong password!!'),
      ),
    );
    const ran = (await verifications(a)) + (await verifications(b)) - before;
    measurements.raceVerifications = ran;
    expect(ran).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 401)).toHaveLength(ran);
    expect(results.filter((r) => r.status === 423)).toHaveLength(50 - ran);
  });

  it('a logout on A is enforced on B once replicated (ms recorded), on A at once', async () => {
    await register('logout@example.com');
    const pair = (await login(a, 'logout@example.com', PASSWORD)).body as {
      access_token: string;
      refresh_token: string;
    };
    expect((await me(b, pair.access_token)).status).toBe(200);
    expect(
      (await call(a, 'POST', '/auth/logout', {}, { authorization: `Bearer ${pair.access_token}` }))
        .status,
    ).toBe(204);
    const loggedOutAt = Date.now();
    expect((await me(a, pair.access_token)).status).toBe(401);
    // B answers from its replica, which the announcement reaches a few ms after A's 204 (see
    // bench/README.md, revocation propagation); bounded here by attempts, never by a timing.
    let onB = await me(b, pair.access_token);
    for (let attempt = 0; onB.status === 200 && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      onB = await me(b, pair.access_token);
    }
    measurements.msFromLogoutOnAToRefusalOnB = Date.now() - loggedOutAt;
    expect(onB.status).toBe(401);
    expect(
      (await call(b, 'POST', '/auth/refresh', { refresh_token: pair.refresh_token })).status,
    ).toBe(401);
  });

  it('the login rate limit counts one client across both instances', async () => {
    const client = nextClient();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await login(i % 2 ? a : b, `rl${i}@example.com`, 'x-wrong-password', client)).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });

  it('concurrent registration of one email on both instances yields one user and one 409', async () => {
    const results = await Promise.all(
      [a, b].map((app) =>
        call(app, 'POST', '/auth/register', { email: 'twice@example.com', password: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('fails closed while Redis is down (503, never 200 on a revoked token) and recovers by itself', async () => {
    await register('outage@example.com');
    const live = (await login(a, 'outage@example.com', PASSWORD)).body.access_token as string;
    const revoked = (await login(a, 'outage@example.com', PASSWORD)).body.access_token as string;
    expect(
      (await call(a, 'POST', '/auth/logout', {}, { authorization: `Bearer ${revoked}` })).status,
    ).toBe(204);

    await redis.stop();
    const killedAt = Date.now();
    let first = await me(b, revoked);
    while (first.status !== 503) {
      expect(first.status).toBe(401); // until the client notices, the revocation still answers
      first = await me(b, revoked);
    }
    measurements.msFromRedisKillToFirst503 = Date.now() - killedAt;
    expect(first.body).toMatchObject({
      statusCode: 503,
      error: 'AuthStoreUnavailableError',
      retryAfter: expect.any(Number),
    });
    expect(first.headers.get('retry-after')).not.toBeNull();
    for (const app of [a, b]) {
      expect((await me(app, revoked)).status).toBe(503);
      expect((await me(app, live)).status).toBe(503);
      expect((await login(app, 'outage@example.com', PASSWORD)).status).toBe(503);
      const ready = await call(app, 'GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(String(ready.body.message)).toContain('redis');
    }

    await redis.restart();
    const restartedAt = Date.now();
    while ((await me(b, live)).status !== 200)
      await new Promise((resolve) => setTimeout(resolve, 50));
    measurements.msFromRedisRestartToRecovery = Date.now() - restartedAt;
    expect((await me(a, live)).status).toBe(200);
    expect((await me(a, revoked)).status).toBe(401);
    expect((await call(b, 'GET', '/health/ready')).status).toBe(200);
  });

  it('revocations, lockouts and rate-limit counters survive an app restart', async () => {
    await register('restart@example.com');
    const pair = (await login(a, 'restart@example.com', PASSWORD)).body as { access_token: string };
    expect(
      (await call(a, 'POST', '/auth/logout', {}, { authorization: `Bearer ${pair.access_token}` }))
        .status,
    ).toBe(204);
    for (let i = 0; i < 5; i++) await login(a, 'restart@example.com', 'wrong password!!');
    const client = nextClient();
    for (let i = 0; i < 5; i++) await login(a, `rr${i}@example.com`, 'x-wrong-password', client);

    const env = { ...a.env };
    await a.stop();
    a = await AppProcess.start(env);
    await a.ready();

    expect((await me(a, pair.access_token)).status).toBe(401);
    expect((await login(a, 'restart@example.com', PASSWORD)).status).toBe(423);
    expect((await login(a, 'rr9@example.com', 'x-wrong-password', client)).status).toBe(429);
  });
});
