import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A server under test, in its own process on 127.0.0.1. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): void;
}

const ROOT = join(__dirname, '..', '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

/**
 * Starts `script` (a path from the repo root: .ts through ts-node, .js as it is) with `env` and
 * waits until it answers HTTP.
 */
export async function startServer(
  script: string,
  port: number,
  env: Record<string, string | undefined> = {},
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const loader = script.endsWith('.ts') ? TS_NODE : [];
  // An `undefined` in `env` removes the runner's own variable of that name.
  const merged = Object.entries({ ...process.env, ...env, PORT: String(port) }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd: ROOT,
    env: Object.fromEntries(merged),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child);
  // The fresh SQLite folder of a host goes with it.
  const dbDir = env.DB_PATH?.includes('lex-bench-') ? dirname(env.DB_PATH) : undefined;
  if (dbDir) child.once('exit', () => rmSync(dbDir, { recursive: true, force: true }));
  return { url, child, stop: () => void child.kill('SIGTERM') };
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited (${child.exitCode})`);
    try {
      await fetch(`${url}/whoami`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url}: no answer within 60 s`);
}

/** The environment of one example-host instance: its own SQLite file, quiet logs, cheap hashing. */
export function hostEnv(
  adapter: 'express' | 'fastify',
  store: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    HTTP_ADAPTER: adapter,
    LEX_ENV: 'development',
    LOG_LEVEL: 'warn',
    DB_PATH: join(mkdtempSync(join(tmpdir(), 'lex-bench-')), 'app.sqlite'),
    LEX_AUTH__STORE: store,
    LEX_AUTH__TOKEN__SECRET_KEY: 'bench-secret-of-at-least-32-bytes-0123456789',
    LEX_AUTH__PASSWORD__ROUNDS: '4',
    LEX_AUTH__LOGIN_RATE_LIMIT: '10000/minute',
    ...extra,
  };
}

/** `npm start`'s environment: none of the host's settings, only a fresh SQLite file of its own. */
export function defaultEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  // The runner's own LEX_*/LOG_LEVEL/HTTP_ADAPTER must not leak into "the defaults".
  for (const name of Object.keys(process.env)) {
    if (/^(LEX_|LOG_LEVEL$|HTTP_ADAPTER$|DB_|REDIS_URL$|NODE_ENV$)/.test(name))
      env[name] = undefined;
  }
  env.DB_PATH = join(mkdtempSync(join(tmpdir(), 'lex-bench-')), 'app.sqlite');
  return env;
}

/** Registers a user on a host and logs in; returns the access token. */
export async function hostToken(url: string, email = 'bench@example.com'): Promise<string> {
  const body = JSON.stringify({ email, password: 'correct horse battery staple' });
  const headers = { 'content-type': 'application/json' };
  await fetch(`${url}/auth/register`, { method: 'POST', headers, body });
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers, body });
  if (res.status !== 200) throw new Error(`${url}: login answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
