/**
 * Issue 7, target 3: logins at bcrypt cost 12 under a storm of concurrent clients, while a
 * protected route is probed at a fixed rate. Prints the physical limit (cost-12 verifications per
 * second, measured here first), logins/s under the storm, and the probe's p99
 * idle and under the storm.
 *
 *   npm run bench:login-storm
 *   STORM_CLIENTS=20 STORM_SECONDS=10 PROBE_RATE=200 npm run bench:login-storm
 *   HOST_ENV='LEX_AUTH__PASSWORD__MAX_CONCURRENT_HASHES=2 UV_THREADPOOL_SIZE=2' npm run bench:login-storm
 */
import { Agent, get } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { BcryptPasswordHasher } from '../packages/nest-auth/src/passwords/bcrypt-password-hasher';
import type { PasswordHasher } from '../packages/nest-auth/src/passwords/password-hasher';
import { WorkerBcryptPasswordHasher } from '../packages/nest-auth/src/passwords/worker-bcrypt-password-hasher';
import { hostEnv, hostToken, startServer } from './lib/server-process';

const CLIENTS = Number(process.env.STORM_CLIENTS ?? 20);
const SECONDS = Number(process.env.STORM_SECONDS ?? 10);
const PROBE_RATE = Number(process.env.PROBE_RATE ?? 200);
const ADAPTER = process.env.HTTP_ADAPTER === 'express' ? 'express' : 'fastify';
const PASSWORD = 'correct horse battery staple';
const EXTRA_ENV = Object.fromEntries(
  (process.env.HOST_ENV ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);

/** Cost-12 verifications per second of `hasher` with `lanes` of them in flight, for 4 s. */
async function rate(hasher: PasswordHasher, hash: string, lanes: number): Promise<number> {
  let count = 0;
  const start = performance.now();
  const end = start + 4_000;
  const lane = async () => {
    while (performance.now() < end) {
      await hasher.verify(PASSWORD, hash);
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return count / ((performance.now() - start) / 1000);
}

/**
 * The most cost-12 verifications per second this machine gives, whatever the parallelism and
 * wherever bcrypt runs: the best of one and two per core (vCPUs that share a physical core gain
 * from the second), each on libuv's pool (at most its 4 threads) and on as many worker threads
 * (the host's default).
 */
async function physicalLimit(): Promise<number> {
  const libuv = new BcryptPasswordHasher(12);
  const hash = await libuv.hash(PASSWORD);
  let best = 0;
  for (const lanes of [cpus().length, 2 * cpus().length]) {
    best = Math.max(best, await rate(libuv, hash, lanes));
    const workers = new WorkerBcryptPasswordHasher(12, lanes);
    best = Math.max(best, await rate(workers, hash, lanes));
    await workers.onApplicationShutdown();
  }
  return best;
}

/**
 * The probe: one GET /whoami every 1/PROBE_RATE s on keep-alive sockets (open loop: a slow answer
 * does not delay the next request), timed to the microsecond; its p99 in ms. autocannon's
 * rate mode sends in bursts, which puts its own queueing into the latencies.
 */
async function probe(url: string, token: string, seconds: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const headers = { authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const start = performance.now();
      get(`${url}/whoami`, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`probe answered ${res.statusCode}`));
          latencies.push(performance.now() - start);
          resolve();
        });
      }).on('error', reject);
    });
  const interval = 1000 / PROBE_RATE;
  const begin = performance.now();
  for (let i = 0; i < seconds * PROBE_RATE; i += 1) {
    const due = begin + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one());
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return Math.round(latencies[Math.floor(latencies.length * 0.99)] * 100) / 100;
}

/** `CLIENTS` loops logging in back to back for `seconds`; logins per second. */
async function storm(url: string, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let ok = 0;
  // One account per client: parallel logins to one account are capped by the lockout's
  // reservations (never more than max_failed_attempts verifications in flight), by design.
  const client = async (_: unknown, i: number) => {
    const body = JSON.stringify({ email: `storm${i}@example.com`, password: PASSWORD });
    while (performance.now() < end) {
      const res = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`login answered ${res.status}`);
      await res.arrayBuffer();
      ok += 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return ok / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const limit = await physicalLimit();
  const env = hostEnv(ADAPTER, 'memory', {
    LEX_AUTH__PASSWORD__ROUNDS: '12',
    LEX_AUTH__LOGIN_RATE_LIMIT: '100000/minute',
    ...EXTRA_ENV,
  });
  const server = await startServer('src/main.ts', 3390, env);
  try {
    const tokens = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => hostToken(server.url, `storm${i}@example.com`)),
    );
    const token = tokens[0];
    await probe(server.url, token, 2); // warm-up
    const idleP99 = await probe(server.url, token, SECONDS);
    const [stormP99, loginsPerSecond] = await Promise.all([
      probe(server.url, token, SECONDS),
      storm(server.url, SECONDS),
    ]);
    const pool = EXTRA_ENV.UV_THREADPOOL_SIZE ?? process.env.UV_THREADPOOL_SIZE ?? '4 (default)';
    console.log(
      [
        `login storm: ${CLIENTS} clients, bcrypt cost 12, ${ADAPTER}, probe GET /whoami at ${PROBE_RATE} req/s, ${SECONDS} s, UV_THREADPOOL_SIZE=${pool} ${process.env.HOST_ENV ?? ''}`,
        '',
        '| physical limit (logins/s) | logins/s under storm | % of limit | probe p99 idle (ms) | probe p99 under storm (ms) | ratio |',
        '|---:|---:|---:|---:|---:|---:|',
        `| ${limit.toFixed(2)} | ${loginsPerSecond.toFixed(2)} | ${((100 * loginsPerSecond) / limit).toFixed(0)} % | ${idleP99} | ${stormP99} | ${(stormP99 / idleP99).toFixed(1)}× |`,
      ].join('\n'),
    );
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
