import { DataSource } from 'typeorm';
import { captureLogs, type LogCapture } from './support/log-capture';
import { startTestApp, type TestApp } from './support/test-app';

const REFUSED = 40;

/** True for an Error (whose stack pino would print) anywhere in a logged argument. */
const carriesError = (value: unknown): boolean =>
  value instanceof Error ||
  (typeof value === 'object' && value !== null && Object.values(value).some(carriesError));
const PASSWORD = 'correct horse battery staple';

describe('Dependency outage logging (database down, then back)', () => {
  let t: TestApp;
  let logs: LogCapture;

  beforeAll(async () => {
    t = await startTestApp();
    await t.http.post('/auth/register').send({ email: 'a@example.com', password: PASSWORD });
  });
  afterAll(async () => {
    logs?.restore();
    await t.close();
  });

  it('logs one "outage started" and one "outage ended" line with the count, each refusal at debug, no stack', async () => {
    const login = () =>
      t.http.post('/auth/login').send({ email: 'a@example.com', password: PASSWORD });
    const dataSource = t.app.get(DataSource);
    logs = captureLogs();

    await dataSource.destroy();
    const statuses: number[] = [];
    for (let i = 0; i < REFUSED; i++) statuses.push((await login()).status);
    await dataSource.initialize();
    const after = await login();

    expect(statuses).toEqual(Array(REFUSED).fill(503));
    expect(after.status).toBe(200);
    const text = (call: unknown[]) => String(call.at(-1));
    const started = logs
      .calls('warn')
      .filter((c) => text(c).startsWith('Dependency outage started'));
    const ended = logs.calls('log').filter((c) => text(c).startsWith('Dependency outage ended'));
    const refusals = logs.calls('debug').filter((c) => text(c).startsWith('Request refused'));
    expect(started).toHaveLength(1);
    expect(ended).toHaveLength(1);
    expect(ended[0][0]).toMatchObject({ refusedRequests: REFUSED });
    expect(text(ended[0])).toContain(`${REFUSED} request(s) were refused`);
    expect(refusals).toHaveLength(REFUSED);
    expect(logs.calls('warn')).toHaveLength(1);
    expect(logs.calls('error')).toEqual([]);
    const everyCall = (['log', 'warn', 'error', 'debug', 'verbose'] as const).flatMap(logs.calls);
    expect(everyCall.filter((args) => args.some(carriesError))).toEqual([]);
    console.log(
      `${REFUSED} refused requests: ${started.length} started line (${text(started[0])}), ` +
        `${ended.length} ended line (${text(ended[0])}), ${refusals.length} debug refusals`,
    );
  });
});
