import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import {
  ApiKeyService,
  AuthClock,
  type CreatedApiKey,
  type TokenPair,
  UserStore,
} from '../packages/nest-auth/src';
import { bearer, login, metric, registerAndLogin } from './support/auth-client';
import { FakeClock } from './support/fake-clock';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const ROLES = {
  member: { permissions: ['posts.read', 'users.read'] },
  editor: { permissions: ['posts.*'], inherits: ['member'] },
};
const MAX_PER_USER = 3;

describe('API keys over HTTP', () => {
  let t: TestApp;
  const clock = new FakeClock();

  const apiKey = (key: string) => ({ 'X-API-Key': key });
  const apiKeyScheme = (key: string) => ({ Authorization: `ApiKey ${key}` });
  /** A new user (default role `member`) and their token pair. */
  const newUser = (): Promise<TokenPair> =>
    registerAndLogin(t.http, `key-owner-${randomUUID()}@example.com`);
  const create = (pair: TokenPair, body: Record<string, unknown>) =>
    t.http.post('/auth/api-keys').set(bearer(pair.access_token)).send(body);
  const createKey = async (pair: TokenPair, body: Record<string, unknown> = {}) =>
    (await create(pair, { name: 'ci', scopes: ['posts.read'], ...body }).expect(201))
      .body as CreatedApiKey;
  const list = async (pair: TokenPair) =>
    (
      await t.http
        .get('/auth/api-keys')
        .set(bearer(pair.access_token))
        .expect(200)
        .expect('Cache-Control', 'no-store')
    ).body as { apiKeys: Record<string, unknown>[] };
  const expectRefused = (res: Response, reason: string) => {
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'InvalidApiKeyError' });
    expect(res.headers['www-authenticate']).toMatch(/^ApiKey realm="api", error="invalid_key"/);
    return metric(t.http, `auth_token_rejections_total{reason="${reason}"}`);
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LEX_AUTH__ROLES: JSON.stringify(ROLES),
        LEX_AUTH__DEFAULT_ROLES: 'member',
        LEX_AUTH__API_KEYS__MAX_PER_USER: String(MAX_PER_USER),
      },
      override: (b) => b.overrideProvider(AuthClock).useValue({ now: clock.now }),
    });
  });
  afterAll(() => t?.close());

  it('creates a key shown once, which authenticates by either header on host and module routes', async () => {
    const pair = await newUser();
    const res = await create(pair, { name: 'deploy bot', scopes: ['posts.read', 'users.read'] });

    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.body as CreatedApiKey;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      name: 'deploy bot',
      prefix: created.key.slice(0, 12),
      scopes: ['posts.read', 'users.read'],
      createdAt: new Date(clock.now()).toISOString(),
      expiresAt: null,
      lastUsedAt: null,
      key: expect.stringMatching(/^lex_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/) as string,
    });

    for (const headers of [apiKey(created.key), apiKeyScheme(created.key)]) {
      const who = await t.http.get('/whoami').set(headers).expect(200);
      expect(who.body).toMatchObject({
        method: 'api_key',
        roles: ['member'],
        scopes: ['posts.read', 'users.read'],
        tokenId: created.id,
        sessionId: `apikey:${created.id}`,
      });
    }
    const me = await t.http.get('/auth/me').set(apiKey(created.key)).expect(200);
    const ownerId = (me.body as { id: string }).id;
    await t.http.get(`/admin/users/${ownerId}`).set(apiKey(created.key)).expect(200);
  });

  it('enforces the key scopes on permission routes, and the owner current roles', async () => {
    const pair = await newUser();
    const narrow = await createKey(pair, { scopes: ['posts.read'] });
    const wide = await createKey(pair, { scopes: ['users.read'] });
    const ownerId = (
      (await t.http.get('/auth/me').set(bearer(pair.access_token))).body as {
        id: string;
      }
    ).id;

    const denied = await t.http.get(`/admin/users/${ownerId}`).set(apiKey(narrow.key)).expect(403);
    expect(denied.body).toMatchObject({ error: 'InsufficientPermissionsError' });
    await t.http.get(`/admin/users/${ownerId}`).set(apiKey(wide.key)).expect(200);

    await t.app.get(UserStore).setRoles(ownerId, []);
    await t.http.get(`/admin/users/${ownerId}`).set(apiKey(wide.key)).expect(403);
    const who = await t.http.get('/whoami').set(apiKey(wide.key)).expect(200);
    expect(who.body).toMatchObject({ roles: [] });
  });

  it('lists keys without the key or its hash, with the last use', async () => {
    const pair = await newUser();
    const { key, ...view } = await createKey(pair);
    expect((await list(pair)).apiKeys).toEqual([view]);

    clock.advance(1000);
    await t.http.get('/whoami').set(apiKey(key)).expect(200);

    const { apiKeys } = await list(pair);
    expect(apiKeys).toHaveLength(1);
    expect(apiKeys[0]).toMatchObject({
      id: view.id,
      lastUsedAt: new Date(clock.now()).toISOString(),
    });
    expect(JSON.stringify(apiKeys)).not.toContain(key.slice(13));
    expect(Object.keys(apiKeys[0]).sort()).toEqual([
      'createdAt',
      'expiresAt',
      'id',
      'lastUsedAt',
      'name',
      'prefix',
      'scopes',
    ]);
  });

  it('revokes a key: 204, then 401 with an ApiKey challenge, gone from the list, 404 again', async () => {
    const pair = await newUser();
    const created = await createKey(pair);
    await t.http.get('/whoami').set(apiKey(created.key)).expect(200);

    await t.http.delete(`/auth/api-keys/${created.id}`).set(bearer(pair.access_token)).expect(204);

    const before = await metric(t.http, 'auth_token_rejections_total{reason="api_key_revoked"}');
    const res = await t.http.get('/whoami').set(apiKey(created.key));
    expect(await expectRefused(res, 'api_key_revoked')).toBe(before + 1);
    expect((await list(pair)).apiKeys).toEqual([]);
    await t.http.delete(`/auth/api-keys/${created.id}`).set(bearer(pair.access_token)).expect(404);
  });

  it('refuses a key once it has expired', async () => {
    const pair = await newUser();
    const created = await createKey(pair, { expiresInDays: 1 });
    expect(created.expiresAt).toBe(new Date(clock.now() + DAY_MS).toISOString());
    await t.http.get('/whoami').set(apiKey(created.key)).expect(200);

    clock.advance(DAY_MS);

    await expectRefused(await t.http.get('/whoami').set(apiKey(created.key)), 'api_key_expired');
  });

  it('takes an expiry instant in the future, and refuses one in the past or two at once', async () => {
    const pair = await newUser();
    const at = new Date(clock.now() + 3_600_000).toISOString();
    expect((await createKey(pair, { expiresAt: at })).expiresAt).toBe(at);

    const past = new Date(clock.now() - 1000).toISOString();
    await create(pair, { name: 'x', scopes: ['posts.read'], expiresAt: past }).expect(400);
    await create(pair, {
      name: 'x',
      scopes: ['posts.read'],
      expiresAt: at,
      expiresInDays: 1,
    }).expect(400);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an empty name', { name: '', scopes: ['posts.read'] }],
    ['a name of 101 characters', { name: 'x'.repeat(101), scopes: ['posts.read'] }],
    ['no name', { scopes: ['posts.read'] }],
    ['a malformed scope', { name: 'x', scopes: ['posts read'] }],
    ['51 scopes', { name: 'x', scopes: Array.from({ length: 51 }, (_, i) => `posts.r${i}`) }],
    ['an unknown field', { name: 'x', scopes: ['posts.read'], roles: ['admin'] }],
    ['expiresInDays 0', { name: 'x', scopes: ['posts.read'], expiresInDays: 0 }],
    ['a date without an offset', { name: 'x', scopes: ['posts.read'], expiresAt: '2030-01-01' }],
  ])('refuses a body with %s (400)', async (_case, body) => {
    const pair = await newUser();
    const res = await create(pair, body).expect(400);
    expect(res.body).toMatchObject({ error: 'RequestValidationError' });
  });

  it('refuses at creation a scope beyond the creator roles (403)', async () => {
    const pair = await newUser();
    for (const scopes of [['posts.write'], ['posts.*'], ['*'], ['posts.read', 'admin.delete']]) {
      const res = await create(pair, { name: 'x', scopes }).expect(403);
      expect(res.body).toMatchObject({ error: 'InsufficientPermissionsError' });
    }
    expect((await list(pair)).apiKeys).toEqual([]);
  });

  it('never lets a key create, list or revoke keys (403)', async () => {
    const pair = await newUser();
    const created = await createKey(pair);
    const headers = apiKey(created.key);

    await t.http
      .post('/auth/api-keys')
      .set(headers)
      .send({ name: 'x', scopes: ['posts.read'] })
      .expect(403);
    await t.http.get('/auth/api-keys').set(headers).expect(403);
    await t.http.delete(`/auth/api-keys/${created.id}`).set(headers).expect(403);
    expect((await list(pair)).apiKeys).toHaveLength(1);
  });

  it("never lets a key log its owner out, out everywhere, or change the owner's password (403)", async () => {
    const pair = await newUser();
    const headers = apiKey((await createKey(pair)).key);

    for (const res of [
      await t.http.post('/auth/logout').set(headers).send({}),
      await t.http.post('/auth/logout-all').set(headers).send({}),
      await t.http
        .post('/auth/password')
        .set(headers)
        .send({ currentPassword: 'x', newPassword: 'a brand new passphrase' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'InsufficientPermissionsError' });
    }
    // The owner's session was left alone.
    await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(200);
  });

  it('refuses a wrong secret behind a valid prefix, an unknown key and garbage (401)', async () => {
    const pair = await newUser();
    const created = await createKey(pair);
    const wrongSecret = `${created.key.slice(0, 13)}${'A'.repeat(43)}`;

    await expectRefused(await t.http.get('/whoami').set(apiKey(wrongSecret)), 'api_key_unknown');
    await expectRefused(
      await t.http.get('/whoami').set(apiKeyScheme(`lex_aaaaaaaa_${'B'.repeat(43)}`)),
      'api_key_unknown',
    );
    for (const garbage of ['garbage', 'lex_', `${created.key}x`, '']) {
      await expectRefused(await t.http.get('/whoami').set(apiKey(garbage)), 'api_key_malformed');
    }
    await expectRefused(
      await t.http.get('/whoami').set({ Authorization: 'ApiKey' }),
      'api_key_malformed',
    );
  });

  it('refuses a request that carries a bearer token and an API key at once (400)', async () => {
    const pair = await newUser();
    const created = await createKey(pair);

    await t.http
      .get('/whoami')
      .set({ ...bearer(pair.access_token), ...apiKey(created.key) })
      .expect(400);
  });

  it("answers 404 for someone else's key and for a malformed id", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const created = await createKey(alice);

    for (const id of [created.id, randomUUID(), 'not-a-uuid', "1' OR '1'='1"]) {
      const res = await t.http
        .delete(`/auth/api-keys/${encodeURIComponent(id)}`)
        .set(bearer(bob.access_token))
        .expect(404);
      expect(res.body).toMatchObject({ error: 'AuthResourceNotFoundError' });
    }
    await t.http.get('/whoami').set(apiKey(created.key)).expect(200);
  });

  it(`allows ${MAX_PER_USER} live keys per user (409 beyond), counting revoked and expired ones out`, async () => {
    const email = `limit-${randomUUID()}@example.com`;
    const pair = await registerAndLogin(t.http, email);
    const keys = [];
    for (let i = 0; i < MAX_PER_USER - 1; i++) keys.push(await createKey(pair));
    keys.push(await createKey(pair, { expiresInDays: 1 }));

    const res = await create(pair, { name: 'one too many', scopes: ['posts.read'] }).expect(409);
    expect(res.body).toMatchObject({ error: 'AccountStateConflictError' });

    await t.http.delete(`/auth/api-keys/${keys[0].id}`).set(bearer(pair.access_token)).expect(204);
    await createKey(pair);
    await create(pair, { name: 'again', scopes: ['posts.read'] }).expect(409);

    clock.advance(DAY_MS);
    await createKey(await login(t.http, email));
  });

  it('lets an administrator revoke every key of a user through ApiKeyService', async () => {
    const pair = await newUser();
    const keys = [await createKey(pair), await createKey(pair)];
    const { id } = (await t.http.get('/auth/me').set(bearer(pair.access_token))).body as {
      id: string;
    };

    await expect(t.app.get(ApiKeyService).revokeAllForUser(id)).resolves.toBe(2);

    for (const { key } of keys) {
      await expectRefused(await t.http.get('/whoami').set(apiKey(key)), 'api_key_revoked');
    }
  });

  it('keeps keys working after logout-all (keys are revoked one by one)', async () => {
    const pair = await newUser();
    const created = await createKey(pair);

    await t.http.post('/auth/logout-all').set(bearer(pair.access_token)).expect(204);

    await t.http.get('/whoami').set(apiKey(created.key)).expect(200);
  });
});

describe('API keys on the default config (no roles configured)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const create = (pair: TokenPair, body: Record<string, unknown>) =>
    t.http.post('/auth/api-keys').set(bearer(pair.access_token)).send(body);

  it('lets a user without roles make an identity-only key, omitted or empty scopes (201)', async () => {
    const pair = await registerAndLogin(t.http, 'role-less@example.com');

    const res = await create(pair, { name: 'deploy bot', expiresInDays: 90 }).expect(201);
    expect(res.body).toMatchObject({ name: 'deploy bot', scopes: [] });
    const empty = await create(pair, { name: 'empty', scopes: [] }).expect(201);
    expect(empty.body).toMatchObject({ scopes: [] });
  });

  it('reaches the @AcceptsApiKeys routes with an identity-only key, and nothing else (fail closed)', async () => {
    const pair = await registerAndLogin(t.http, 'identity-only@example.com');
    const { key } = (await create(pair, { name: 'ci' }).expect(201)).body as CreatedApiKey;
    const headers = { 'X-API-Key': key };

    const me = await t.http.get('/auth/me').set(headers).expect(200);
    expect(me.body).toMatchObject({ email: 'identity-only@example.com' });
    const who = await t.http.get('/whoami').set(headers).expect(200);
    expect(who.body).toMatchObject({ method: 'api_key', roles: [], scopes: [] });
    const ownerId = (me.body as { id: string }).id;
    for (const path of [`/admin/users/${ownerId}`, '/admin/roles', '/auth/sessions']) {
      const res = await t.http.get(path).set(headers).expect(403);
      expect(res.body).toMatchObject({ error: 'InsufficientPermissionsError' });
    }
  });

  it('still refuses a role-less user any scope (403): no escalation through keys', async () => {
    const pair = await registerAndLogin(t.http, 'no-escalation@example.com');

    const res = await create(pair, { name: 'x', scopes: ['posts.read'] }).expect(403);
    expect(res.body).toMatchObject({ error: 'InsufficientPermissionsError' });
  });
});

describe('API keys switched off (api_keys.enabled: false)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__API_KEYS__ENABLED: 'false' } });
  });
  afterAll(() => t?.close());

  it('answers 404 on the key routes and treats an API key header as no credentials', async () => {
    const pair = await registerAndLogin(t.http, 'off@example.com');

    const res = await t.http
      .post('/auth/api-keys')
      .set(bearer(pair.access_token))
      .send({ name: 'x', scopes: ['posts.read'] })
      .expect(404);
    expect(res.body).toMatchObject({ error: 'FeatureDisabledError' });
    await t.http.get('/auth/api-keys').set(bearer(pair.access_token)).expect(404);
    const who = await t.http.get('/whoami').set({ 'X-API-Key': `lex_aaaaaaaa_${'A'.repeat(43)}` });
    expect(who.status).toBe(401);
    expect(who.headers['www-authenticate']).toBe('Bearer realm="api"');
  });
});
