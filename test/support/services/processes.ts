import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs a program to completion and resolves with its stdout.
 * @throws Error naming the command, with its stderr, when it fails or cannot be found.
 */
export function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const detail = stderr.trim() || error.message;
      reject(new Error(`${command} ${args[0] ?? ''} failed: ${detail}`, { cause: error }));
    });
  });
}

/** Whether `command` can be run (it is installed and on PATH, or an existing path). */
export async function canRun(command: string, args = ['--version']): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process with this id runs (a zombie, exited but not yet reaped, does not). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // "<pid> (<name>) <state> …"; the name may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** The pid written in a pid file, or `null` when the file is missing or holds no pid. */
export function readPidFile(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether process `pid` runs `program` (guards against a recycled pid before killing it). */
export function runsProgram(pid: number, program: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return false;
  }
}

const OWNER_FILE = 'owner.pid';

/** Records this process as the owner of a server folder, so a later run can tell it was abandoned. */
export function writeOwner(dir: string): void {
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
}

/** Whether the process that started the server in `dir` is gone (killed before its teardown). */
export function isAbandoned(dir: string): boolean {
  const owner = readPidFile(join(dir, OWNER_FILE));
  return owner !== null && !isAlive(owner);
}
