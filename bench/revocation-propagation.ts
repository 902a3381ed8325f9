/**
 * Issue 7, target 2 (store=redis) and issue 12 (store=database on PostgreSQL): how long a
 * revocation made on instance A takes to be enforced on instance B, when each instance answers
 * the check from its own replica (fed over Redis pub/sub, or PostgreSQL LISTEN/NOTIFY).
 *
 * Per store:
 * 1. Two replicas in this process, each with its own connections: A revokes, B is polled on
 *    every turn of the event loop until its memory has it; the time from calling revoke to B
 *    holding it, without HTTP in the way.
 * 2. Two example hosts (Fastify, one store), each in its own process. Per sample: log in on A,
 *    check the token on B (200), log out on A (204), then poll `GET /whoami` on B back to back
 *    until it answers 401. It reports, over the samples, the time from sending the logout to B's
 *    first 401, and how many of B's answers after A's 204 still accepted the token (the window
 *    this design allows, which should round to none).
 *
 * Give REDIS_URL, DB_HOST (PostgreSQL: DB_PORT, DB_USER, DB_PASS, DB_NAME as the app reads them;
 * the database must exist and is migrated by host A), or both:
 *
 *   REDIS_URL=redis://127.0.0.1:6390 npm run bench:revocation-propagation
 *   DB_HOST=127.0.0.1 DB_PORT=5439 DB_NAME=bench npm run bench:revocation-propagation
 *   PROPAGATION_SAMPLES=500 REDIS_URL=… npm run bench:revocation-propagation
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import {
  FAIL_FAST_REDIS_OPTIONS,
  waitUntilReady,
} from '../packages/nest-auth/src/redis/create-redis-client';
import { replicateRedisBlacklist } from '../packages/nest-auth/src/token-blacklist/redis-replicated-token-blacklist';
import type { ReplicatedTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/replicated-token-blacklist';
import { replicateTypeOrmBlacklist } from '../packages/nest-auth/src/token-blacklist/typeorm-replicated-token-blacklist';
import { AUTH_ENTITIES } from '../packages/nest-auth/src/typeorm';
import { hostEnv, hostToken, startServer } from './lib/server-process';

const SAMPLES = Number(process.env.PROPAGATION_SAMPLES ?? 300);
const REDIS_URL = process.env.REDIS_URL;
const DB_HOST = process.env.DB_HOST;
const JSON_HEADERS = { 'content-type': 'application/json' };
/** Lines printed under the table. */
const notes: string[] = [];

interface Summary {
  p50: number;
  p99: number;
  max: number;
}

function summarize(values: number[]): Summary {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const fmt = (s: Summary) => `${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.max.toFixed(2)}`;

async function whoami(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/whoami`, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Two app processes on one store (`env`): logout on A, poll B. */
async function overHttp(store: string, env: Record<string, string>): Promise<string[]> {
  // One after the other: A runs the migrations (development) before B starts.
  const a = await startServer('src/main.ts', 3390, { ...env, PORT: '3390' });
  const b = await startServer('src/main.ts', 3391, { ...env, PORT: '3391' });
  try {
    await hostToken(a.url, 'propagation@example.com');
    const toEnforced: number[] = [];
    const after204: number[] = [];
    let acceptedAfter204 = 0;
    let samplesWithAccept = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const token = await hostToken(a.url, 'propagation@example.com');
      if ((await whoami(b.url, token)) !== 200) throw new Error('B refused a live token');
      const sent = performance.now();
      const res = await fetch(`${a.url}/auth/logout`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` },
        body: '{}',
      });
      if (res.status !== 204) throw new Error(`logout answered ${res.status}`);
      const answered = performance.now();
      let accepted = 0;
      while ((await whoami(b.url, token)) === 200) accepted += 1;
      const refused = performance.now();
      toEnforced.push(refused - sent);
      after204.push(refused - answered);
      acceptedAfter204 += accepted;
      if (accepted > 0) samplesWithAccept += 1;
    }
    notes.push(
      `${store}: samples where B still accepted the token after A's 204: ${samplesWithAccept} ` +
        `of ${SAMPLES} (${acceptedAfter204} accepting answers in all).`,
    );
    return [
      `| ${store} | two app processes over HTTP: logout sent on A → first 401 on B | ${SAMPLES} | ${fmt(summarize(toEnforced))} |`,
      `| ${store} | same: A's 204 received → first 401 on B (includes that 401's own round trip) | ${SAMPLES} | ${fmt(summarize(after204))} |`,
    ];
  } finally {
    a.stop();
    b.stop();
  }
}

/** Two replicas in this process: A revokes, B polled every event-loop turn. */
async function inProcess(store: string, a: ReplicatedTokenBlacklist, b: ReplicatedTokenBlacklist) {
  await Promise.all([a.sync(), b.sync()]);
  const delays: number[] = [];
  const run = randomBytes(4).toString('hex');
  for (let i = 0; i < SAMPLES * 3; i++) {
    const id = `jti-${run}-${i}`;
    const query = { ids: [id], userId: 'u', issuedAtMs: Date.now() };
    const started = performance.now();
    await a.revoke(id, new Date(Date.now() + 60_000));
    while (!(await b.isRevoked(query))) await new Promise((resolve) => setImmediate(resolve));
    delays.push(performance.now() - started);
  }
  return `| ${store} | two replicas in one process: revoke called on A → B's memory has it | ${SAMPLES * 3} | ${fmt(summarize(delays))} |`;
}

/** Both measurements on Redis. */
async function onRedis(redisUrl: string): Promise<string[]> {
  const prefix = `lex:bench:${randomBytes(4).toString('hex')}:`;
  const clients = [
    new Redis(redisUrl, FAIL_FAST_REDIS_OPTIONS),
    new Redis(redisUrl, FAIL_FAST_REDIS_OPTIONS),
  ];
  const [a, b] = clients.map((c) => replicateRedisBlacklist(c, Date.now, prefix));
  let lines: string[];
  try {
    await Promise.all(clients.map((c) => waitUntilReady(c, 5000)));
    lines = [await inProcess('redis', a, b)];
  } finally {
    await Promise.all([a.onApplicationShutdown(), b.onApplicationShutdown()]);
    const keys = await clients[0].keys(`${prefix}*`);
    if (keys.length > 0) await clients[0].unlink(...keys);
    clients.forEach((c) => c.disconnect());
  }
  const env = hostEnv('fastify', 'redis', { REDIS_URL: redisUrl });
  return [...lines, ...(await overHttp('redis', env))];
}

/** The app's DB_* variables, for the hosts and for the in-process DataSources. */
function postgresEnv(): Record<string, string> {
  const names = ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASS', 'DB_NAME'] as const;
  const env: Record<string, string> = { DB_TYPE: 'postgres' };
  for (const name of names) if (process.env[name]) env[name] = process.env[name];
  return env;
}

/** Both measurements on PostgreSQL; the hosts run first, so their migrations make the tables. */
async function onPostgres(): Promise<string[]> {
  const env = postgresEnv();
  const http = await overHttp('postgres', hostEnv('fastify', 'database', env));
  const open = () =>
    new DataSource({
      type: 'postgres',
      host: env.DB_HOST,
      port: Number(env.DB_PORT ?? 5432),
      username: env.DB_USER ?? 'postgres',
      password: env.DB_PASS,
      database: env.DB_NAME ?? 'lexigram',
      entities: AUTH_ENTITIES,
    }).initialize();
  const sources = [await open(), await open()];
  const [a, b] = sources.map(
    (ds) => replicateTypeOrmBlacklist(ds, Date.now) as ReplicatedTokenBlacklist,
  );
  try {
    return [await inProcess('postgres', a, b), ...http];
  } finally {
    await Promise.all([a.onApplicationShutdown(), b.onApplicationShutdown()]);
    await Promise.all(sources.map((ds) => ds.destroy()));
  }
}

async function main(): Promise<void> {
  if (!REDIS_URL && !DB_HOST) {
    throw new Error('Set REDIS_URL (e.g. redis://127.0.0.1:6390), DB_HOST (PostgreSQL), or both');
  }
  const lines = [
    '| store | path | samples | p50 ms | p99 ms | max ms |',
    '|---|---|---:|---:|---:|---:|',
    ...(REDIS_URL ? await onRedis(REDIS_URL) : []),
    ...(DB_HOST ? await onPostgres() : []),
  ];
  console.log([...lines, '', ...notes].join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
