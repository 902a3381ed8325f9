import * as bcryptjs from 'bcryptjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// bcrypt hashes made by other implementations than ours (native bcrypt), for interop tests.

/** A hash from bcryptjs (pure JavaScript), its prefix set to `$2a$` or `$2b$`. */
export function bcryptjsHash(password: string, prefix: '$2a$' | '$2b$', cost: number): string {
  const salt = bcryptjs.genSaltSync(cost).replace(/^\$2[ab]\$/, prefix);
  return bcryptjs.hashSync(password, salt);
}

/** A hash from Apache's htpasswd (C, crypt_blowfish): always `$2y$`, as PHP writes them. */
export function htpasswdHash(password: string, cost: number): string {
  const line = execFileSync('htpasswd', ['-nbB', '-C', String(cost), 'user', password], {
    encoding: 'utf8',
  });
  return line.trim().split(':')[1];
}

/** Apache's own check of a hash (exit code 0 when the password matches). */
export function htpasswdAccepts(hash: string, password: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'lex-htpasswd-'));
  const file = join(dir, 'users');
  writeFileSync(file, `user:${hash}\n`);
  try {
    execFileSync('htpasswd', ['-vb', file, 'user', password], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
