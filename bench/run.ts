/**
 * The protected-route benchmark: reference servers and the example host, each driven
 * by autocannon on 127.0.0.1, rounds interleaved (A B C … A B C …), one Markdown table of medians.
 *
 *   npm run bench                                   # 3 rounds × 5 s, 50 connections
 *   BENCH_ROUNDS=5 BENCH_SECONDS=10 npm run bench
 *   BENCH_ONLY=a,host-fastify-memory npm run bench  # a subset (keys in the table)
 *   REDIS_URL=redis://127.0.0.1:6390 npm run bench  # adds the store=redis rows
 *   BENCH_POSTGRES=1 npm run bench                  # adds store=database on a throwaway PostgreSQL
 */
import { load, type LoadResult, median } from './lib/load';
import type { ServerProcess } from './lib/server-process';
import { benchTargets, type Target } from './lib/targets';
import { PostgresTestServer } from '../test/support/services/postgres-server';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ONLY = process.env.BENCH_ONLY?.split(',');
async function main(): Promise<void> {
  const running: { target: Target; server: ServerProcess; token: string }[] = [];
  const postgres = process.env.BENCH_POSTGRES ? await PostgresTestServer.start() : null;
  const targets = benchTargets(ONLY, postgres ? await postgres.createDatabase() : undefined);
  try {
    for (const [i, target] of targets.entries()) {
      const started = await target.start(3300 + i);
      running.push({ target, server: started, token: await target.token(started) });
    }
    const results = new Map<string, LoadResult[]>(targets.map((t) => [t.key, []]));
    for (const { target, server, token } of running) {
      await load(`${server.url}/whoami`, token, 2, CONNECTIONS); // warm-up, not counted
      process.stderr.write(`warmed ${target.key}\n`);
    }
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const { target, server, token } of running) {
        const result = await load(`${server.url}/whoami`, token, SECONDS, CONNECTIONS);
        results.get(target.key)!.push(result);
        process.stderr.write(
          `round ${round} ${target.key}: ${Math.round(result.requestsPerSecond)} req/s\n`,
        );
      }
    }
    console.log(table(results, targets));
  } finally {
    for (const { server } of running) server.stop();
    await postgres?.stop();
  }
}

/** Median over rounds of `key`'s rate divided by `base`'s rate in the same round. */
function roundRatio(results: Map<string, LoadResult[]>, key: string, base: string): number {
  const runs = results.get(key) ?? [];
  const bases = results.get(base) ?? [];
  if (runs.length === 0 || bases.length !== runs.length) return Number.NaN;
  return median(runs.map((r, i) => r.requestsPerSecond / bases[i].requestsPerSecond));
}

// The host rows against the bare Nest row of their adapter ('n/a' for the references).
const bareNestOf = (key: string): string =>
  key === 'default' || key.startsWith('host-fastify')
    ? 'bare-nest-fastify'
    : key.startsWith('host-express')
      ? 'bare-nest-express'
      : '';

function table(results: Map<string, LoadResult[]>, targets: Target[]): string {
  const lines = [
    `protected GET /whoami, autocannon -c${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s interleaved, 127.0.0.1;`,
    'req/s and p99: medians over rounds; ratios: medians of the per-round ratios (same round, same load)',
    '',
    '| server | key | req/s | p99 ms | ratio to (a) | × docs recipe | to bare Nest, same adapter | failed |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  const show = (x: number, digits: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
  for (const target of targets) {
    const runs = results.get(target.key)!;
    const rate = median(runs.map((x) => x.requestsPerSecond));
    const p99 = median(runs.map((x) => x.p99Ms));
    const failed = runs.reduce((sum, x) => sum + x.failures, 0);
    const ratio = show(roundRatio(results, target.key, 'a'), 3);
    const times = show(roundRatio(results, target.key, 'docs-recipe'), 1);
    const bare = show(roundRatio(results, target.key, bareNestOf(target.key)), 3);
    const rps = Math.round(rate).toLocaleString('en-US');
    lines.push(
      `| ${target.label} | ${target.key} | ${rps} | ${p99} | ${ratio} | ${times} | ${bare} | ${failed} |`,
    );
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
