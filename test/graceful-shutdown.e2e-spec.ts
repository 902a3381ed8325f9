import { Agent, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { GracefulShutdown, MailDispatcher } from '../packages/nest-auth/src';
import { AuthRedisConnection } from '../packages/nest-auth/src/stores/auth-redis-connection';
import { AppProcess } from './support/app-process';
import { type HttpOutcome, sendRequest } from './support/http-outcome';
import { makeTempDir } from './support/temp-dirs';
import { startTestApp } from './support/test-app';

// Far above what the drain needs, so reaching it would mean the drain waited for nothing.
const GRACE_SECONDS = 20;
const SLOW_LOGINS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A login for an unknown account: a real bcrypt verification at the configured cost. */
const slowLogin = (app: AppProcess, agent: Agent, n: number) =>
  sendRequest(`${app.url}/auth/login`, {
    method: 'POST',
    body: { email: `nobody-${n}@example.com`, password: 'not the password at all' },
    agent,
  });

/**
 * Requests `path` back to back on `agent` until `stop()` says so, as a client behind a load
 * balancer that takes the instance out when its readiness fails.
 */
async function loop(app: AppProcess, agent: Agent, stop: () => boolean): Promise<HttpOutcome[]> {
  const outcomes: HttpOutcome[] = [];
  while (!stop()) outcomes.push(await sendRequest(`${app.url}/health/live`, { agent }));
  return outcomes;
}

/** Polls readiness on a new connection each time, as a load balancer does, until it fails. */
async function pollReadiness(app: AppProcess, agent: Agent): Promise<HttpOutcome[]> {
  const outcomes: HttpOutcome[] = [];
  for (;;) {
    const outcome = await sendRequest(`${app.url}/health/ready`, { agent });
    outcomes.push(outcome);
    if (outcome.status !== 200) return outcomes;
    await sleep(50);
  }
}

describe.each(['express', 'fastify'])('Graceful shutdown on SIGTERM (%s)', (adapter) => {
  let dir: string;
  let app: AppProcess | undefined;
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 4 });
  const fresh = new Agent({ keepAlive: false });

  const start = async (env: Record<string, string>) => {
    app = await AppProcess.start({
      LEX_ENV: 'test',
      LOG_LEVEL: 'info',
      HTTP_ADAPTER: adapter,
      DB_PATH: join(dir, `${Date.now()}.sqlite`),
      LEX_AUTH__LOGIN_RATE_LIMIT: '100000/minute',
      ...env,
    });
    await app.ready(60000);
    return app;
  };

  beforeAll(() => (dir = makeTempDir('lex-auth-shutdown-')));
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(() => {
    keepAlive.destroy();
    fresh.destroy();
  });

  it('turns readiness 503 first, answers every request in flight with Connection: close, resets none and exits 0 within the grace period', async () => {
    const running = await start({
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      // Longer than this load balancer needs to see readiness fail, even on a busy machine.
      SHUTDOWN_DELAY_SECONDS: '3',
      LEX_AUTH__PASSWORD__ROUNDS: '11',
    });
    let takenOut = false;
    const loops = [
      ...Array.from({ length: 4 }, () => loop(running, keepAlive, () => takenOut)),
      ...Array.from({ length: 2 }, () => loop(running, fresh, () => takenOut)),
    ];
    await sleep(300);
    const logins = Array.from({ length: SLOW_LOGINS }, (_, n) => slowLogin(running, fresh, n));
    await sleep(100);

    const sigtermAt = Date.now();
    running.child.kill('SIGTERM');
    const readiness = await pollReadiness(running, fresh);
    const notReadyAt = readiness.at(-1)!.endedAt;
    // A load balancer takes an instance out only after its checks failed for a while.
    await sleep(300);
    takenOut = true;
    const loaded = (await Promise.all(loops)).flat();
    const answered = await Promise.all(logins);
    const code = await running.exitCode();
    const exitedAfterMs = Date.now() - sigtermAt;

    expect(readiness.at(-1)).toMatchObject({ status: 503, connection: 'close' });
    expect(answered.map((o) => o.status)).toEqual(Array(SLOW_LOGINS).fill(401));
    expect(answered.every((o) => o.connection === 'close')).toBe(true);
    const all = [...loaded, ...answered, ...readiness];
    const errors = all.filter((o) => o.error).map((o) => ({ ...o, ms: o.sentAt - sigtermAt }));
    expect(errors).toEqual([]);
    const afterSigterm = loaded.filter((o) => o.sentAt > notReadyAt);
    expect(afterSigterm.length).toBeGreaterThan(0);
    expect(afterSigterm.filter((o) => o.connection !== 'close')).toEqual([]);
    expect(code).toBe(0);
    expect(exitedAfterMs).toBeLessThan(GRACE_SECONDS * 1000);
    expect(running.output).toContain('HTTP drained in');
    console.log(
      `${adapter}: ${loaded.length} load requests (${afterSigterm.length} after SIGTERM), ` +
        `${SLOW_LOGINS} slow logins answered, 0 errors, exit 0 after ${exitedAfterMs} ms`,
    );
  }, 90000);

  it('cuts off a request that outlasts the grace period and still exits 0', async () => {
    // bcrypt cost 14: one verification takes seconds here, well beyond a 1 s grace period.
    const running = await start({
      SHUTDOWN_GRACE_SECONDS: '1',
      LEX_AUTH__PASSWORD__ROUNDS: '14',
    });
    const login = slowLogin(running, fresh, 0);
    await sleep(300);

    const sigtermAt = Date.now();
    running.child.kill('SIGTERM');
    const cutOff = await login;
    const code = await running.exitCode();
    const exitedAfterMs = Date.now() - sigtermAt;

    expect(cutOff.status).toBeUndefined();
    expect(cutOff.error).toMatch(/ECONNRESET|socket hang up/);
    expect(cutOff.endedAt - sigtermAt).toBeGreaterThanOrEqual(1000);
    expect(cutOff.endedAt - sigtermAt).toBeLessThan(1000 + 1500);
    // Node exits once the hash already running on the thread pool returns.
    expect(code).toBe(0);
    expect(running.output).toContain('1 request(s) still running after the 1 s grace period');
    expect(running.output).toContain('Shutdown complete.');
    console.log(
      `${adapter}: 1 request cut off after ${cutOff.endedAt - sigtermAt} ms, ` +
        `exit 0 after ${exitedAfterMs} ms`,
    );
  }, 120000);
});

describe('GracefulShutdown.shutdown (in process)', () => {
  it("runs the module's shutdown hooks after the last response, the mail drain before the stores close", async () => {
    const events: string[] = [];
    const record = (name: string) => () => void events.push(name);
    jest
      .spyOn(MailDispatcher.prototype, 'beforeApplicationShutdown')
      .mockImplementation(() => Promise.resolve(record('mail queue drained')()));
    jest
      .spyOn(AuthRedisConnection.prototype, 'onApplicationShutdown')
      .mockImplementation(() => Promise.resolve(record('redis connection closed')()));
    const { app } = await startTestApp({ env: { LEX_AUTH__PASSWORD__ROUNDS: '12' } });
    const agent = new Agent({ keepAlive: true });
    try {
      await app.listen(0, '127.0.0.1');
      const server: Server = app.getHttpServer();
      server.on('request', (_req, res: ServerResponse) =>
        res.on('finish', record('in-flight login answered')),
      );
      const { port } = server.address() as { port: number };
      const login = sendRequest(`http://127.0.0.1:${port}/auth/login`, {
        method: 'POST',
        body: { email: 'nobody@example.com', password: 'not the password at all' },
        agent,
      });
      await sleep(50);

      const result = await app.get(GracefulShutdown).shutdown(app, { graceSeconds: 10 });

      expect(result.forceClosed).toBe(0);
      expect(await login).toMatchObject({ status: 401, connection: 'close' });
      expect(events).toEqual([
        'in-flight login answered',
        'mail queue drained',
        'redis connection closed',
      ]);
    } finally {
      agent.destroy();
      jest.restoreAllMocks();
    }
  });
});
