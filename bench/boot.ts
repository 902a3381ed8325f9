/**
 * Boot to first 200, the example host against the smallest Nest app on the
 * same adapter. Both start from JavaScript (`dist/start.js`, what `npm start` runs after
 * `npm run build`, and bench/servers/bare-nest.js), so no compiler time is counted. Rounds are
 * interleaved (bare, host, bare, host …) and the table shows medians. The host's code cache is
 * the one `npm run build` wrote; the `default-*` rows show what the defaults cost without it, on a
 * database already migrated (any boot after the first), and
 * from tsc's output file by file (`dist/main.js`, what `npm start` ran before the bundle).
 *
 *   npm run build && npm run bench:boot
 *   BOOT_ROUNDS=10 npm run bench:boot
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './lib/load';
import { defaultEnv, hostEnv } from './lib/server-process';

const ROUNDS = Number(process.env.BOOT_ROUNDS ?? 7);
const ROOT = join(__dirname, '..');
// What `npm start` runs: the bundle of `npm run build`, through its code-cache launcher.
const HOST_MAIN = join(ROOT, 'dist', 'start.js');
const UNBUNDLED = join(ROOT, 'dist', 'main.js');
const PROBE = '/health/live';
// One SQLite file for the whole run: migrated by the untimed boot, then only opened.
const MIGRATED_DB = join(mkdtempSync(join(tmpdir(), 'lex-bench-')), 'app.sqlite');

interface Subject {
  key: string;
  label: string;
  script: string;
  env: () => Record<string, string | undefined>;
  /** Runs before every timed boot of this subject. */
  before?: () => void;
}

/** The code caches beside the bundle (src/start/code-cache.ts). */
function removeCodeCaches(): void {
  const dist = join(ROOT, 'dist');
  for (const name of readdirSync(dist))
    if (name.endsWith('.v8-cache')) rmSync(join(dist, name), { force: true });
}

interface Boot {
  /** Wall milliseconds from spawn to the first 200 on `PROBE`. */
  ms: number;
  /** CPU milliseconds (user + system) the server had used by then; NaN without /proc. */
  cpuMs: number;
}

/**
 * A process's CPU time so far from /proc (Linux; 10 ms ticks). Steadier than wall time when other
 * work shares the cores: the wall time of a longer boot grows more with every time slice lost.
 */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Spawn to the first 200 on `PROBE`, polled every 2 ms. */
async function bootOnce(subject: Subject, port: number): Promise<Boot> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [subject.script], {
    cwd: ROOT,
    // An `undefined` removes the runner's own variable of that name.
    env: Object.fromEntries(
      Object.entries({ ...process.env, ...subject.env(), PORT: String(port) }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const deadline = started + 60_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${subject.key}: exited (${child.exitCode})`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}${PROBE}`);
        if (res.status === 200) return { ms: performance.now() - started, cpuMs: cpuMs(child.pid) };
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`${subject.key}: no 200 within 60 s`);
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function subjects(adapter: 'fastify' | 'express'): Subject[] {
  const name = adapter === 'fastify' ? 'Fastify' : 'Express';
  return [
    {
      key: `bare-${adapter}`,
      label: `bare Nest app, ${name}, one route`,
      script: join(ROOT, 'bench', 'servers', 'bare-nest.js'),
      env: () => ({ HTTP_ADAPTER: adapter }),
    },
    {
      key: `host-${adapter}-database`,
      label: `example host, ${name}, store=database (fresh SQLite file, migrations run)`,
      script: HOST_MAIN,
      env: () => hostEnv(adapter, 'database'),
    },
    {
      key: `host-${adapter}-memory`,
      label: `example host, ${name}, store=memory`,
      script: HOST_MAIN,
      env: () => hostEnv(adapter, 'memory'),
    },
    // What `npm start` gives (Fastify is its adapter): nothing set but a fresh SQLite file.
    ...(adapter === 'fastify'
      ? [
          {
            key: 'default',
            label: 'example host, defaults of `npm start` (Fastify, store=database, info)',
            script: HOST_MAIN,
            env: defaultEnv,
          },
          {
            key: 'default-second-boot',
            label: 'defaults, database already migrated (every boot after the first)',
            script: HOST_MAIN,
            env: () => ({ ...defaultEnv(), DB_PATH: MIGRATED_DB }),
          },
          {
            key: 'default-no-code-cache',
            label: 'defaults, no code cache (removed before each boot; `npm run build` writes one)',
            script: HOST_MAIN,
            env: defaultEnv,
            before: removeCodeCaches,
          },
          {
            key: 'default-unbundled',
            label: 'defaults, tsc output file by file (`node dist/main.js`, before the bundle)',
            script: UNBUNDLED,
            env: defaultEnv,
          },
        ]
      : []),
  ];
}

async function main(): Promise<void> {
  if (!existsSync(HOST_MAIN))
    throw new Error('dist/start.js is missing: run `npm run build` first');
  // Untimed: migrates the second-boot row's database (and writes a code cache if none is there).
  await bootOnce(
    {
      key: 'warm-up',
      label: '',
      script: HOST_MAIN,
      env: () => ({ ...defaultEnv(), DB_PATH: MIGRATED_DB }),
    },
    3399,
  );
  const rows: string[] = [];
  for (const adapter of ['fastify', 'express'] as const) {
    const list = subjects(adapter);
    const times = new Map<string, number[]>(list.map((s) => [s.key, []]));
    const cpuTimes = new Map<string, number[]>(list.map((s) => [s.key, []]));
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [i, subject] of list.entries()) {
        subject.before?.();
        const { ms, cpuMs: cpu } = await bootOnce(subject, 3400 + i);
        times.get(subject.key)!.push(ms);
        cpuTimes.get(subject.key)!.push(cpu);
        process.stderr.write(`round ${round} ${subject.key}: ${ms.toFixed(0)} ms, CPU ${cpu} ms\n`);
      }
    }
    const bare = median(times.get(list[0].key)!);
    const bareCpu = median(cpuTimes.get(list[0].key)!);
    for (const subject of list) {
      const all = times.get(subject.key)!;
      const m = median(all);
      const cpu = median(cpuTimes.get(subject.key)!);
      const range = `${Math.min(...all).toFixed(0)}–${Math.max(...all).toFixed(0)}`;
      rows.push(
        `| ${subject.label} | ${m.toFixed(0)} | ${range} | ${(m / bare).toFixed(2)}× | ${cpu.toFixed(0)} | ${(cpu / bareCpu).toFixed(2)}× |`,
      );
    }
  }
  console.log(`\nBoot to first 200 on GET ${PROBE}, ${ROUNDS} interleaved rounds, medians:\n`);
  console.log(
    '| server | ms (median) | range | ratio to bare Nest, same adapter | CPU ms (median) | CPU ratio |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
