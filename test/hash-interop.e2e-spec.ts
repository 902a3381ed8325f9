import * as bcryptjs from 'bcryptjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserStore } from '../src/auth';
import { login, PASSWORD } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

/** A hash from bcryptjs (pure JavaScript), its prefix set to `$2a$` or `$2b$`. */
function bcryptjsHash(prefix: '$2a$' | '$2b$', cost: number): string {
  const salt = bcryptjs.genSaltSync(cost).replace(/^\$2[ab]\$/, prefix);
  return bcryptjs.hashSync(PASSWORD, salt);
}

/** A hash from Apache's htpasswd (C, crypt_blowfish): always `$2y$`, as PHP writes them. */
function htpasswdHash(cost: number): string {
  const line = execFileSync('htpasswd', ['-nbB', '-C', String(cost), 'user', PASSWORD], {
    encoding: 'utf8',
  });
  return line.trim().split(':')[1];
}

/** Apache's own check of a hash (exit code 0 when the password matches). */
function htpasswdAccepts(hash: string, password: string): boolean {
  const file = join(mkdtempSync(join(tmpdir(), 'lex-htpasswd-')), 'users');
  writeFileSync(file, `user:${hash}\n`);
  try {
    execFileSync('htpasswd', ['-vb', file, 'user', password], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Costs 4–14 across the three prefixes; only two cases at 12 or more (each step doubles the work).
const FOREIGN: ['$2a$' | '$2b$' | '$2y$', number][] = [
  ['$2a$', 4],
  ['$2a$', 7],
  ['$2a$', 10],
  ['$2a$', 14],
  ['$2b$', 5],
  ['$2b$', 8],
  ['$2b$', 11],
  ['$2y$', 4],
  ['$2y$', 6],
  ['$2y$', 9],
  ['$2y$', 12],
];

/** `$2y$` from htpasswd (C); `$2a$`/`$2b$` from bcryptjs (JavaScript). */
const foreignHash = (prefix: '$2a$' | '$2b$' | '$2y$', cost: number): string =>
  prefix === '$2y$' ? htpasswdHash(cost) : bcryptjsHash(prefix, cost);

describe('bcrypt interop with other implementations, over HTTP', () => {
  let t: TestApp;
  let users: UserStore;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__PASSWORD__ROUNDS: '4' } });
    users = t.app.get(UserStore);
  });
  afterAll(() => t.close());

  it.each(FOREIGN)('logs in against a %s hash of cost %i made elsewhere', async (prefix, cost) => {
    const hash = foreignHash(prefix, cost);
    expect(hash.slice(0, 7)).toBe(`${prefix}${String(cost).padStart(2, '0')}$`);
    const email = `foreign-${prefix.slice(1, 3)}-${cost}@example.com`;
    await users.create({ email, passwordHash: hash });

    await login(t.http, email);
    await t.http
      .post('/auth/login')
      .send({ email, password: `${PASSWORD}!` })
      .expect(401);
  });

  it.each([4, 10])('writes cost-%i hashes that bcryptjs and htpasswd verify', async (rounds) => {
    const app =
      rounds === 4
        ? t
        : await startTestApp({ env: { LEX_AUTH__PASSWORD__ROUNDS: String(rounds) } });
    try {
      const email = `ours-${rounds}@example.com`;
      await app.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
      const hash = (await app.app.get(UserStore).findByEmail(email))!.passwordHash;

      expect(hash).toMatch(new RegExp(`^\\$2b\\$${String(rounds).padStart(2, '0')}\\$`));
      await expect(bcryptjs.compare(PASSWORD, hash)).resolves.toBe(true);
      await expect(bcryptjs.compare(`${PASSWORD}!`, hash)).resolves.toBe(false);
      expect(htpasswdAccepts(hash, PASSWORD)).toBe(true);
      expect(htpasswdAccepts(hash, `${PASSWORD}!`)).toBe(false);
    } finally {
      if (app !== t) await app.close();
    }
  });
});
