/**
 * CPU time each server spends per request of `GET /whoami` or the row's route (`npm run bench:cpu`): the server
 * process's user + system time over a fixed number of requests, read from /proc (Linux). Unlike a
 * rate, it barely moves when other work shares the machine, so it can compare steps of the host's
 * pipeline on a busy laptop; the rate table of `npm run bench` is still the target's measure.
 *
 *   npm run bench:cpu                                  # 3 rounds × 30,000 requests per server
 *   CPU_REQUESTS=100000 BENCH_ONLY=default,bare-nest-fastify npm run bench:cpu
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { median } from './lib/load';
import type { ServerProcess } from './lib/server-process';
import { benchTargets, type Target } from './lib/targets';

const REQUESTS = Number(process.env.CPU_REQUESTS ?? 30_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGETS = benchTargets(process.env.BENCH_ONLY?.split(','));
// Clock ticks per second of /proc/<pid>/stat; 100 on every Linux build Node supports.
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process so far (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the numeric fields start after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function drive(url: string, token: string, amount: number): Promise<number> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    headers: { authorization: `Bearer ${token}` },
  });
  return result.non2xx + result.errors + result.timeouts;
}

const routeOf = (target: Target, server: ServerProcess): string =>
  `${server.url}${target.path ?? '/whoami'}`;

async function main(): Promise<void> {
  const running: { target: Target; server: ServerProcess; token: string }[] = [];
  const micros = new Map<string, number[]>(TARGETS.map((t) => [t.key, []]));
  let failures = 0;
  try {
    for (const [i, target] of TARGETS.entries()) {
      const server = await target.start(3400 + i);
      running.push({ target, server, token: await target.token(server) });
    }
    for (const { target, server, token } of running) {
      await drive(routeOf(target, server), token, 10_000); // warm-up
    }
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const { target, server, token } of running) {
        const before = cpuSeconds(server.child.pid!);
        failures += await drive(routeOf(target, server), token, REQUESTS);
        const perRequest = ((cpuSeconds(server.child.pid!) - before) / REQUESTS) * 1e6;
        micros.get(target.key)!.push(perRequest);
        process.stderr.write(`round ${round} ${target.key}: ${perRequest.toFixed(1)} µs\n`);
      }
    }
  } finally {
    for (const { server } of running) server.stop();
  }
  console.log(
    `server CPU per request of GET /whoami unless the row names another route (user + system), ${ROUNDS} rounds × ${REQUESTS} requests, ` +
      `autocannon -c${CONNECTIONS}; medians; failed answers: ${failures}\n`,
  );
  console.log('| server | key | CPU µs / request |\n|---|---|---:|');
  for (const target of TARGETS) {
    console.log(
      `| ${target.label} | ${target.key} | ${median(micros.get(target.key)!).toFixed(1)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
