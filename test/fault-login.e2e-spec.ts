import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess } from './support/app-process';
import { PASSWORD } from './support/auth-client';
import { RedisTestServer } from './support/services/redis-server';
import { sharedPostgres } from './support/services/shared-services';
import { TcpProxy } from './support/services/tcp-proxy';
import { SmtpTestServer } from './support/smtp-test-server';

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  body: Json;
}

/** Requests must answer, not hang: a call that takes longer than this fails the test. */
const NO_HANG_MS = 15_000;
const counts: Record<string, Record<string, number>> = {};

/** How many replies had each status, e.g. `{ "503": 6 }`. */
function tally(replies: Reply[]): Record<string, number> {
  const byStatus: Record<string, number> = {};
  for (const { status } of replies) byStatus[status] = (byStatus[status] ?? 0) + 1;
  return byStatus;
}

/**
 * Two instances on Redis (no persistence) and PostgreSQL, with the database reached through a
 * proxy the test cuts: the faults of issue 16 (lockout after an outage, parallel logins, refresh
 * after Redis lost its data, the verification mail of a registration during a database fault).
 */
describe('Login, refresh and mail under faults (two instances, Redis + PostgreSQL)', () => {
  let redis: RedisTestServer;
  let db: TcpProxy;
  let pgAdmin: Client;
  let smtp: SmtpTestServer;
  let pgTarget: { host: string; port: number };
  let a: AppProcess;
  let b: AppProcess;

  const call = async (app: AppProcess, path: string, body?: Json, token?: string) => {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(NO_HANG_MS),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const login = (app: AppProcess, email: string, password = PASSWORD) =>
    call(app, '/auth/login', { email, password });
  const register = async (email: string) =>
    expect((await call(a, '/auth/register', { email, password: PASSWORD })).status).toBe(201);
  const bothReady = () => Promise.all([a.ready(30_000), b.ready(30_000)]);

  beforeAll(async () => {
    redis = await RedisTestServer.start();
    smtp = await SmtpTestServer.start();
    const pg = await sharedPostgres().createDatabase();
    pgTarget = { host: pg.host, port: pg.port };
    db = await TcpProxy.start(pg.host, pg.port);
    pgAdmin = new Client({ host: pg.host, port: pg.port, user: pg.user, database: pg.database });
    await pgAdmin.connect();
    const env = {
      LEX_ENV: 'test',
      LOG_LEVEL: 'error',
      LEX_AUTH__STORE: 'redis',
      REDIS_URL: redis.url,
      LEX_AUTH__PASSWORD__ROUNDS: '4',
      LEX_AUTH__LOGIN_RATE_LIMIT: '10000/minute',
      LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'true',
      LEX_AUTH__MAIL__LINK_BASE_URL: 'https://app.example.test/account',
      LEX_AUTH__MAIL__RATE_LIMIT: '100000/hour',
      SMTP_URL: smtp.url,
      DB_TYPE: 'postgres',
      DB_HOST: '127.0.0.1',
      DB_PORT: String(db.port),
      DB_USER: pg.user,
      DB_PASS: '',
      DB_NAME: pg.database,
    };
    // A migrates the fresh database first; B then finds the schema current.
    a = await AppProcess.start(env);
    await a.ready(30_000);
    b = await AppProcess.start(env);
    await b.ready(30_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.stop(), db?.close(), pgAdmin?.end(), smtp?.close()]);
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync(
      join('test-artifacts', 'fault-login.json'),
      `${JSON.stringify(counts, null, 2)}\n`,
    );
  });

  it('answers right-password logins 503 during a database outage, then 200 — never 423', async () => {
    await register('outage@example.com');
    await db.close();

    const during: Reply[] = [];
    for (let i = 0; i < 6; i++) during.push(await login(i % 2 ? a : b, 'outage@example.com'));
    db = await TcpProxy.start(pgTarget.host, pgTarget.port, db.port);
    await bothReady();
    const after: Reply[] = [];
    for (let i = 0; i < 6; i++) after.push(await login(i % 2 ? a : b, 'outage@example.com'));

    counts.outageDuring = tally(during);
    counts.outageAfter = tally(after);
    expect(counts.outageDuring).toEqual({ 503: 6 });
    expect(counts.outageAfter).toEqual({ 200: 6 });
  }, 60_000);

  it('lets 16 parallel right-password logins of one account over both instances all through', async () => {
    await register('parallel@example.com');

    const replies = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login(i % 2 ? a : b, 'parallel@example.com')),
    );

    counts.parallelRight = tally(replies);
    expect(counts.parallelRight).toEqual({ 200: 16 });
  });

  it('still verifies exactly 5 of 30 parallel wrong logins: 5 × 401, the rest 423', async () => {
    await register('guessed@example.com');

    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login(i % 2 ? a : b, 'guessed@example.com', 'wrong password!!'),
      ),
    );

    counts.parallelWrong = tally(replies);
    expect(counts.parallelWrong).toEqual({ 401: 5, 423: 25 });
    expect((await login(a, 'guessed@example.com')).status).toBe(423);
  });

  it('refuses (401) the refresh of a logged-out or logged-out-all session after Redis lost its data', async () => {
    await register('ended@example.com');
    const pairs: Json[] = [];
    for (let i = 0; i < 3; i++) pairs.push((await login(a, 'ended@example.com')).body);
    const token = (n: number, kind: 'access_token' | 'refresh_token') => pairs[n][kind] as string;
    expect((await call(a, '/auth/logout', {}, token(0, 'access_token'))).status).toBe(204);
    expect((await call(b, '/auth/logout-all', undefined, token(1, 'access_token'))).status).toBe(
      204,
    );

    await redis.restart();
    await bothReady();
    const replies: Reply[] = [];
    for (let n = 0; n < 3; n++) {
      replies.push(
        await call(n % 2 ? a : b, '/auth/refresh', { refresh_token: token(n, 'refresh_token') }),
      );
    }

    counts.refreshAfterRedisLoss = tally(replies);
    expect(counts.refreshAfterRedisLoss).toEqual({ 401: 3 });
    for (const reply of replies) expect(reply.body.error).toBe('TokenBlacklistedError');
  }, 60_000);

  it('delivers the verification mail of a registration made while its token table was unreachable', async () => {
    // A database fault only the mail job meets: the users table answers, the token table not.
    await pgAdmin.query('ALTER TABLE lex_auth_one_time_tokens RENAME TO lex_auth_ott_away');
    try {
      await register('blip@example.com');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      await pgAdmin.query('ALTER TABLE lex_auth_ott_away RENAME TO lex_auth_one_time_tokens');
    }

    const mail = await smtp.waitFor('blip@example.com', 20_000);

    counts.verificationMail = { delivered: 1, mailsFor: smtp.to('blip@example.com').length };
    expect(mail.text).toContain('https://app.example.test/account');
    expect(smtp.to('blip@example.com')).toHaveLength(1);
  }, 40_000);
});
