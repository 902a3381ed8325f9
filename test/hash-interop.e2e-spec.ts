import * as bcryptjs from 'bcryptjs';
import { UserStore } from '../packages/nest-auth/src';
import { login, PASSWORD } from './support/auth-client';
import { bcryptjsHash, htpasswdAccepts, htpasswdHash } from './support/foreign-hashes';
import { startTestApp, type TestApp } from './support/test-app';

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
  prefix === '$2y$' ? htpasswdHash(PASSWORD, cost) : bcryptjsHash(PASSWORD, prefix, cost);

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
