import { DataSource } from 'typeorm';
import { captureLogs, type LogCapture } from './support/log-capture';
import { sharedRedisUrl } from './support/services/shared-services';
import { TcpProxy } from './support/services/tcp-proxy';
import { startTestApp, type TestApp } from './support/test-app';

const REFUSED = 40;
const PASSWORD = 'correct horse battery staple';

/** True for an Error (whose stack pino would print) anywhere in a logged argument. */
const carriesError = (value: unknown): boolean =>
  value instanceof Error ||
  (typeof value === 'object' && value !== null && Object.values(value).some(carriesError));

const lineText = (call: unknown[]) => String(call.at(-1));

/** The outage lines, and every call at every level, from a capture. */
function outageLines(logs: LogCapture) {
  const starting = (prefix: string) => (call: unknown[]) => lineText(call).startsWith(prefix);
  return {
    started: logs.calls('warn').filter(starting('Dependency outage started')),
    ended: logs.calls('log').filter(starting('Dependency outage ended')),
    refusals: logs.calls('debug').filter(starting('Request refused')),
    every: (['log', 'warn', 'error', 'debug', 'verbose'] as const).flatMap(logs.calls),
  };
}

/** Asserts one started and one ended line counting every refusal, and no error object anywhere. */
function expectOneOutage(logs: LogCapture, label: string): void {
  const { started, ended, refusals, every } = outageLines(logs);
  expect(started).toHaveLength(1);
  expect(ended).toHaveLength(1);
  expect(ended[0][0]).toMatchObject({ refusedRequests: refusals.length });
  expect(lineText(ended[0])).toContain(`${refusals.length} request(s) were refused`);
  expect(every.filter((args) => args.some(carriesError))).toEqual([]);
  console.log(
    `${label}: ${refusals.length} refused requests, ${started.length} started line ` +
      `(${lineText(started[0])}), ${ended.length} ended line (${lineText(ended[0])})`,
  );
}

const login = (t: TestApp, email: string) =>
  t.http.post('/auth/login').send({ email, password: PASSWORD });

describe('Dependency outage logging (database down, then back)', () => {
  let t: TestApp;
  let logs: LogCapture | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    await t.http.post('/auth/register').send({ email: 'a@example.com', password: PASSWORD });
  });
  afterAll(async () => {
    logs?.restore();
    await t.close();
  });

  it('logs one "outage started" and one "outage ended" line with the count, each refusal at debug, no stack', async () => {
    const dataSource = t.app.get(DataSource);
    logs = captureLogs();

    await dataSource.destroy();
    const statuses: number[] = [];
    for (let i = 0; i < REFUSED; i++) statuses.push((await login(t, 'a@example.com')).status);
    await dataSource.initialize();
    const after = await login(t, 'a@example.com');

    expect(statuses).toEqual(Array(REFUSED).fill(503));
    expect(after.status).toBe(200);
    expect(outageLines(logs).refusals).toHaveLength(REFUSED);
    expect(logs.calls('warn')).toHaveLength(1);
    expect(logs.calls('error')).toEqual([]);
    expectOneOutage(logs, 'database');
  });

  it('answers GET /auth/me 503 while the database is closed, and reads the user again once it reopens', async () => {
    const { access_token: token } = (await login(t, 'a@example.com')).body as {
      access_token: string;
    };
    const me = () => t.http.get('/auth/me').set('Authorization', `Bearer ${token}`);
    const dataSource = t.app.get(DataSource);
    expect((await me()).status).toBe(200);

    await dataSource.destroy();
    const during = await me();
    await dataSource.initialize();
    const after = await me();

    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ error: 'AuthStoreUnavailableError' });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ email: 'a@example.com' });
  });
});

describe('Dependency outage logging (Redis down, then back)', () => {
  const { hostname, port } = new URL(sharedRedisUrl());
  let proxy: TcpProxy;
  let t: TestApp;
  let logs: LogCapture | undefined;

  beforeAll(async () => {
    proxy = await TcpProxy.start(hostname, Number(port));
    t = await startTestApp({
      env: { LEX_AUTH__STORE: 'redis', REDIS_URL: `redis://127.0.0.1:${proxy.port}` },
    });
    await t.http.post('/auth/register').send({ email: 'r@example.com', password: PASSWORD });
  });
  afterAll(async () => {
    logs?.restore();
    await t.close();
    await proxy.close();
  });

  it('logs one "outage started" and one "outage ended" line with the count, each refusal at debug, no stack', async () => {
    logs = captureLogs();

    await proxy.close();
    const statuses: number[] = [];
    for (let i = 0; i < REFUSED; i++) statuses.push((await login(t, 'r@example.com')).status);
    proxy = await TcpProxy.start(hostname, Number(port), proxy.port);
    // Refusals go on until the client has reconnected; the ended line counts them too.
    let after = await login(t, 'r@example.com');
    for (let i = 0; i < 50 && after.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await login(t, 'r@example.com');
    }

    expect(statuses).toEqual(Array(REFUSED).fill(503));
    expect(after.status).toBe(200);
    expect(outageLines(logs).refusals.length).toBeGreaterThanOrEqual(REFUSED);
    expectOneOutage(logs, 'redis');
  });
});
