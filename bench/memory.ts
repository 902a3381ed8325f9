/**
 * Issue 7, target 4: the example host's resident memory across 1 M authenticated requests and
 * 100 k logins (bcrypt cost 4), sampled from /proc/<pid>/status while the load runs. The baseline
 * is taken after a warm-up (the JIT, pools and caches have filled); "flat" means every later
 * sample stays within ±10 % of it.
 *
 * The host runs from `dist/main.js` (build first): under ts-node the compiler's own heap would
 * dominate the numbers.
 *
 *   npm run build && npm run bench:memory
 *   MEM_REQUESTS=200000 MEM_LOGINS=20000 MEM_STORE=memory npm run bench:memory
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { hostEnv, hostToken, startServer } from './lib/server-process';

const REQUESTS = Number(process.env.MEM_REQUESTS ?? 1_000_000);
const LOGINS = Number(process.env.MEM_LOGINS ?? 100_000);
const STORE = process.env.MEM_STORE ?? 'database';
const ADAPTER = process.env.HTTP_ADAPTER === 'express' ? 'express' : 'fastify';
/** Extra node flags for the host, e.g. MEM_NODE_ARGS=--max-old-space-size=256. */
const NODE_ARGS = (process.env.MEM_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const USERS = 200;
const PASSWORD = 'correct horse battery staple';
/** Requests of the warm-up that precedes the baseline sample. */
const WARM_UP = Math.min(100_000, Math.round(REQUESTS / 10));

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) / 1024;
};

async function drive(
  url: string,
  amount: number,
  options: Partial<autocannon.Options>,
): Promise<number> {
  const result = await autocannon({ connections: 32, amount, ...options, url });
  return result.non2xx + result.errors + result.timeouts;
}

async function main(): Promise<void> {
  const server = await startServer(
    'dist/main.js',
    3450,
    hostEnv(ADAPTER, STORE, {
      // Many logins per second from one client: the per-client login limit is not under test.
      LEX_AUTH__LOGIN_RATE_LIMIT: '1000000/second',
    }),
    NODE_ARGS,
  );
  const pid = server.child.pid!;
  const samples: { phase: string; done: number; mb: number }[] = [];
  const sample = (phase: string, done: number) => samples.push({ phase, done, mb: rssMb(pid) });
  try {
    const token = await hostToken(server.url);
    for (let i = 0; i < USERS; i += 1) await hostToken(server.url, `user-${i}@example.com`);

    const whoami = { headers: { authorization: `Bearer ${token}` } };
    let failures = await drive(`${server.url}/whoami`, WARM_UP, whoami);
    sample('baseline after warm-up', 0);

    const requestSteps = 10;
    for (let step = 1; step <= requestSteps; step += 1) {
      failures += await drive(`${server.url}/whoami`, REQUESTS / requestSteps, whoami);
      sample('authenticated requests', (REQUESTS * step) / requestSteps);
    }
    const loginSteps = 10;
    let next = 0;
    for (let step = 1; LOGINS > 0 && step <= loginSteps; step += 1) {
      failures += await drive(`${server.url}/auth/login`, LOGINS / loginSteps, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Each request logs in the next user, so attempt counters and sessions grow as they would.
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                email: `user-${next++ % USERS}@example.com`,
                password: PASSWORD,
              }),
            }),
          },
        ],
      });
      sample('logins', (LOGINS * step) / loginSteps);
    }
    report(samples, failures);
  } finally {
    server.stop();
  }
}

function report(samples: { phase: string; done: number; mb: number }[], failures: number): void {
  const base = samples[0].mb;
  console.log(
    `\nRSS of the example host (${ADAPTER}, store=${STORE}), ${REQUESTS} authenticated requests ` +
      `then ${LOGINS} logins at bcrypt cost 4; non-2xx/errors: ${failures}\n`,
  );
  console.log('| phase | done | RSS MB | vs baseline |');
  console.log('|---|---|---|---|');
  for (const s of samples) {
    const change = ((s.mb / base - 1) * 100).toFixed(1);
    console.log(`| ${s.phase} | ${s.done} | ${s.mb.toFixed(1)} | ${change} % |`);
  }
  const peak = Math.max(...samples.map((s) => s.mb));
  const last = samples[samples.length - 1].mb;
  const pct = (mb: number) => `${((mb / base - 1) * 100).toFixed(1)} %`;
  console.log(
    `\nbaseline ${base.toFixed(1)} MB, peak ${peak.toFixed(1)} MB (${pct(peak)}), ` +
      `end ${last.toFixed(1)} MB (${pct(last)}); target: within ±10 %`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
