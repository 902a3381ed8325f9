/**
 * Issue 7, target 2: how long a revocation made on instance A takes to be enforced on instance B
 * when store=redis (each instance answers the check from its own replica, fed over pub/sub).
 *
 * 1. Two example hosts (Fastify, store=redis, one Redis), each in its own process. Per sample:
 *    log in on A, check the token on B (200), log out on A (204), then poll `GET /whoami` on B
 *    back to back until it answers 401. It reports, over the samples, the time from sending the
 *    logout to B's first 401, and how many of B's answers after A's 204 still accepted the
 *    token (the window this design allows, which should round to none).
 * 2. Two ReplicatedTokenBlacklist instances in this process, each with its own connections:
 *    A revokes, B is polled on every turn of the event loop until its memory has it; the time
 *    from calling revoke to B holding it, without HTTP in the way.
 *
 *   REDIS_URL=redis://127.0.0.1:6390 npm run bench:revocation-propagation
 *   PROPAGATION_SAMPLES=500 REDIS_URL=… npm run bench:revocation-propagation
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { FAIL_FAST_REDIS_OPTIONS, waitUntilReady } from '../src/auth/redis/create-redis-client';
import { replicateRedisBlacklist } from '../src/auth/token-blacklist/redis-replicated-token-blacklist';
import { hostEnv, hostToken, startServer } from './lib/server-process';

const SAMPLES = Number(process.env.PROPAGATION_SAMPLES ?? 300);
const REDIS_URL = process.env.REDIS_URL;
const JSON_HEADERS = { 'content-type': 'application/json' };

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

/** Two app processes: logout on A, poll B. */
async function overHttp(redisUrl: string): Promise<string[]> {
  const env = (port: number) =>
    hostEnv('fastify', 'redis', { REDIS_URL: redisUrl, PORT: `${port}` });
  const a = await startServer('src/main.ts', 3390, env(3390));
  const b = await startServer('src/main.ts', 3391, env(3391));
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
    return [
      `| two app processes over HTTP: logout sent on A → first 401 on B | ${SAMPLES} | ${fmt(summarize(toEnforced))} |`,
      `| same: A's 204 received → first 401 on B (includes that 401's own round trip) | ${SAMPLES} | ${fmt(summarize(after204))} |`,
      '',
      `Samples where B still accepted the token after A's 204: ${samplesWithAccept} of ${SAMPLES} ` +
        `(${acceptedAfter204} accepting answers in all).`,
    ];
  } finally {
    a.stop();
    b.stop();
  }
}

/** Two replicas in this process: A revokes, B polled every event-loop turn. */
async function inProcess(redisUrl: string): Promise<string> {
  const prefix = `lex:bench:${randomBytes(4).toString('hex')}:`;
  const clients = [
    new Redis(redisUrl, FAIL_FAST_REDIS_OPTIONS),
    new Redis(redisUrl, FAIL_FAST_REDIS_OPTIONS),
  ];
  const [a, b] = clients.map((c) => replicateRedisBlacklist(c, Date.now, prefix));
  try {
    await Promise.all(clients.map((c) => waitUntilReady(c, 5000)));
    await Promise.all([a.sync(), b.sync()]);
    const delays: number[] = [];
    for (let i = 0; i < SAMPLES * 3; i++) {
      const query = { ids: [`jti-${i}`], userId: 'u', issuedAtMs: Date.now() };
      const started = performance.now();
      await a.revoke(`jti-${i}`, new Date(Date.now() + 60_000));
      while (!(await b.isRevoked(query))) await new Promise((resolve) => setImmediate(resolve));
      delays.push(performance.now() - started);
    }
    return `| two replicas in one process: revoke called on A → B's memory has it | ${SAMPLES * 3} | ${fmt(summarize(delays))} |`;
  } finally {
    await Promise.all([a.onApplicationShutdown(), b.onApplicationShutdown()]);
    const keys = await clients[0].keys(`${prefix}*`);
    if (keys.length > 0) await clients[0].unlink(...keys);
    clients.forEach((c) => c.disconnect());
  }
}

async function main(): Promise<void> {
  if (!REDIS_URL) throw new Error('Set REDIS_URL to a running Redis (e.g. redis://127.0.0.1:6390)');
  const lines = [
    '| path | samples | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|',
    await inProcess(REDIS_URL),
    ...(await overHttp(REDIS_URL)),
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
