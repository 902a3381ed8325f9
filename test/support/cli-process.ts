import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** What one CLI run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The CLI's whole environment (plus PATH and the ts-node switches). */
  env: Record<string, string>;
  /** Written to stdin, then stdin is closed; stdin is closed empty when absent. */
  input?: string;
  /** Node `-r` preloads besides ts-node (e.g. a clock shift). */
  preload?: string[];
}

/**
 * Runs the package's bin over the example host (`--module src/cli/auth-cli-host.ts`) as its own
 * process (ts-node + SWC), as `npm run cli` does.
 */
export async function runCli(args: string[], options: CliRunOptions): Promise<CliRun> {
  const preloads = [
    'ts-node/register',
    'tsconfig-paths/register',
    ...(options.preload ?? []),
  ].flatMap((p) => ['-r', p]);
  const bin = ['packages/nest-auth/src/cli/main.ts', '--module', 'src/cli/auth-cli-host.ts'];
  const child = spawn(process.execPath, [...preloads, ...bin, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      TS_NODE_SWC: 'true',
      TS_NODE_TRANSPILE_ONLY: 'true',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** Runs a command with `--json` and parses its stdout. */
export async function runCliJson<T = Record<string, unknown>>(
  args: string[],
  options: CliRunOptions,
): Promise<{ code: number | null; body: T; stderr: string }> {
  const run = await runCli([...args, '--json'], options);
  try {
    return { code: run.code, body: JSON.parse(run.stdout) as T, stderr: run.stderr };
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}
