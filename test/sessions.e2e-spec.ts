import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  AUTH_EVENTS,
  AuthClock,
  AuthStoreUnavailableError,
  SessionStore,
  type SessionView,
  type TokenPair,
  type TokenRevokedEvent,
} from '../packages/nest-auth/src';
import { bearer, metric, PASSWORD } from './support/auth-client';
import { FakeClock } from './support/fake-clock';
import { startTestApp, type TestApp } from './support/test-app';

const REFRESH_TTL_MS = 604_800_000;
const LAPTOP = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', ip: '203.0.113.10' };
const PHONE = { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari', ip: '198.51.100.20' };
type Device = typeof LAPTOP;

describe('Sessions over HTTP (SQLite, max_sessions_per_user=2)', () => {
  const clock = new FakeClock(Date.now());
  let t: TestApp;
  const revoked: TokenRevokedEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      // Loopback is the proxy, so X-Forwarded-For gives each device its own address.
      env: {
        LEX_AUTH__MAX_SESSIONS_PER_USER: '2',
        TRUST_PROXY: 'loopback',
        // A role to scope the API key of the 403 test with.
        LEX_AUTH__ROLES: JSON.stringify({ member: { permissions: ['posts.read'] } }),
        LEX_AUTH__DEFAULT_ROLES: 'member',
      },
      override: (b) => b.overrideProvider(AuthClock).useValue({ now: clock.now }),
    });
    t.app
      .get(EventEmitter2)
      .on(AUTH_EVENTS.tokenRevoked, (e: TokenRevokedEvent) => revoked.push(e));
  });
  afterAll(() => t.close());
  // Each step happens at an instant of its own, so "most recently used" is never a tie.
  beforeEach(() => clock.advanceSeconds(1));

  async function register(email: string): Promise<void> {
    await t.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
  }
  async function loginFrom(email: string, device: Device = LAPTOP): Promise<TokenPair> {
    clock.advanceSeconds(1);
    const res = await t.http
      .post('/auth/login')
      .set('User-Agent', device.userAgent)
      .set('X-Forwarded-For', device.ip)
      .send({ email, password: PASSWORD })
      .expect(200);
    return res.body as TokenPair;
  }
  const refresh = (pair: TokenPair) =>
    t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token });
  const me = (pair: TokenPair) => t.http.get('/auth/me').set(bearer(pair.access_token));
  async function sessionsOf(pair: TokenPair): Promise<SessionView[]> {
    const res = await t.http.get('/auth/sessions').set(bearer(pair.access_token)).expect(200);
    return (res.body as { sessions: SessionView[] }).sessions;
  }
  const currentId = async (pair: TokenPair) =>
    (await sessionsOf(pair)).find((session) => session.current)!.id;
  const end = (pair: TokenPair, id: string) =>
    t.http.delete(`/auth/sessions/${id}`).set(bearer(pair.access_token));

  it('lists the sessions of two devices, most recent first, the current one marked, with user agent and IP', async () => {
    await register('two-devices@example.com');
    const laptop = await loginFrom('two-devices@example.com', LAPTOP);
    const laptopAt = clock.now();
    const phone = await loginFrom('two-devices@example.com', PHONE);
    const phoneAt = clock.now();

    const res = await t.http.get('/auth/sessions').set(bearer(phone.access_token)).expect(200);

    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      sessions: [
        {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
          current: true,
          ...PHONE,
          createdAt: new Date(phoneAt).toISOString(),
          lastUsedAt: new Date(phoneAt).toISOString(),
          expiresAt: new Date(phoneAt + REFRESH_TTL_MS).toISOString(),
        },
        {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
          current: false,
          ...LAPTOP,
          createdAt: new Date(laptopAt).toISOString(),
          lastUsedAt: new Date(laptopAt).toISOString(),
          expiresAt: new Date(laptopAt + REFRESH_TTL_MS).toISOString(),
        },
      ],
    });
    const fromLaptop = await sessionsOf(laptop);
    expect(fromLaptop.map((s) => [s.userAgent, s.current])).toEqual([
      [PHONE.userAgent, false],
      [LAPTOP.userAgent, true],
    ]);
  });

  it("lets device B end device A's session: A's access and refresh tokens get 401", async () => {
    await register('b-ends-a@example.com');
    const a = await loginFrom('b-ends-a@example.com', LAPTOP);
    const b = await loginFrom('b-ends-a@example.com', PHONE);
    const aId = await currentId(a);
    const before = await metric(t.http, 'auth_token_revocations_total{cause="session_revoked"}');

    await end(b, aId).expect(204);

    expect((await me(a).expect(401)).body.error).toBe('TokenBlacklistedError');
    expect((await refresh(a).expect(401)).body.error).toBe('TokenBlacklistedError');
    await me(b).expect(200);
    expect((await sessionsOf(b)).map((s) => s.id)).toEqual([await currentId(b)]);
    expect(await metric(t.http, 'auth_token_revocations_total{cause="session_revoked"}')).toBe(
      before + 1,
    );
    expect(revoked.at(-1)).toMatchObject({ cause: 'session_revoked', sessionId: aId });
  });

  it('answers the same 404 for a session of another user, an unknown, a malformed and an ended id', async () => {
    await register('mallory@example.com');
    await register('victim@example.com');
    const mallory = await loginFrom('mallory@example.com');
    const victim = await loginFrom('victim@example.com');
    const victimId = await currentId(victim);
    const ended = await loginFrom('mallory@example.com');
    const endedId = await currentId(ended);
    await end(mallory, endedId).expect(204);

    const bodies = [];
    for (const id of [
      victimId,
      '2c5ea4c0-4067-41d9-8a4c-2d2f2e3b0c9a',
      'not-a-session-id',
      victimId.toUpperCase(),
      endedId,
    ]) {
      const res = await end(mallory, id).expect(404);
      bodies.push(res.body);
    }

    expect(bodies[0]).toMatchObject({ statusCode: 404, error: 'AuthResourceNotFoundError' });
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    await me(victim).expect(200);
  });

  it('treats ending the current session as a logout', async () => {
    await register('self@example.com');
    const pair = await loginFrom('self@example.com');

    await end(pair, await currentId(pair)).expect(204);

    await me(pair).expect(401);
    await refresh(pair).expect(401);
  });

  it('refuses query strings (400) and requests without a token (401)', async () => {
    await register('url@example.com');
    const pair = await loginFrom('url@example.com');
    const id = await currentId(pair);

    await t.http.get('/auth/sessions?verbose=1').set(bearer(pair.access_token)).expect(400);
    await t.http.delete(`/auth/sessions/${id}?x=1`).set(bearer(pair.access_token)).expect(400);
    await t.http.get('/auth/sessions').expect(401);
    await t.http.delete(`/auth/sessions/${id}`).expect(401);
    await me(pair).expect(200);
  });

  it('evicts the least recently used session on a third login; a refresh counts as use', async () => {
    await register('limit@example.com');
    const first = await loginFrom('limit@example.com', LAPTOP);
    const firstId = await currentId(first);
    const second = await loginFrom('limit@example.com', PHONE);
    const secondId = await currentId(second);
    clock.advanceSeconds(1);
    const refreshed = (await refresh(first).expect(200)).body as TokenPair;
    const before = await metric(t.http, 'auth_token_revocations_total{cause="session_evicted"}');

    const third = await loginFrom('limit@example.com', PHONE);

    const listed = await sessionsOf(third);
    expect(listed.map((s) => s.id)).toEqual([await currentId(third), firstId]);
    expect((await me(second).expect(401)).body.error).toBe('TokenBlacklistedError');
    await refresh(second).expect(401);
    await me(refreshed).expect(200);
    expect(await metric(t.http, 'auth_token_revocations_total{cause="session_evicted"}')).toBe(
      before + 1,
    );
    expect(revoked.at(-1)).toMatchObject({ cause: 'session_evicted', sessionId: secondId });
  });

  it('moves lastUsedAt and expiresAt on a refresh, and keeps createdAt', async () => {
    await register('refresh@example.com');
    const pair = await loginFrom('refresh@example.com');
    const [before] = await sessionsOf(pair);
    clock.advanceSeconds(60);

    const next = (await refresh(pair).expect(200)).body as TokenPair;

    const [after] = await sessionsOf(next);
    expect(after).toEqual({
      ...before,
      lastUsedAt: new Date(clock.now()).toISOString(),
      expiresAt: new Date(clock.now() + REFRESH_TTL_MS).toISOString(),
    });
  });

  it('drops a session from the list when reuse of its refresh token is detected', async () => {
    await register('reuse@example.com');
    const stolen = await loginFrom('reuse@example.com', LAPTOP);
    await refresh(stolen).expect(200);

    await refresh(stolen).expect(401);

    const other = await loginFrom('reuse@example.com', PHONE);
    expect((await sessionsOf(other)).map((s) => s.userAgent)).toEqual([PHONE.userAgent]);
  });

  it('drops a session from the list at logout, and every session at logout-all', async () => {
    await register('everywhere@example.com');
    const a = await loginFrom('everywhere@example.com', LAPTOP);
    const b = await loginFrom('everywhere@example.com', PHONE);
    await t.http.post('/auth/logout').set(bearer(a.access_token)).send({}).expect(204);
    expect((await sessionsOf(b)).map((s) => s.userAgent)).toEqual([PHONE.userAgent]);
    const c = await loginFrom('everywhere@example.com', LAPTOP);
    const userId = (await me(c).expect(200)).body.id as string;

    await t.http.post('/auth/logout-all').set(bearer(b.access_token)).expect(204);

    await expect(t.app.get(SessionStore).listLive(userId)).resolves.toEqual([]);
    const fresh = await loginFrom('everywhere@example.com', PHONE);
    expect((await sessionsOf(fresh)).map((s) => s.current)).toEqual([true]);
  });

  it('refuses an API key with 403: sessions take a login access token', async () => {
    await register('keys@example.com');
    const pair = await loginFrom('keys@example.com');
    const id = await currentId(pair);
    const created = await t.http
      .post('/auth/api-keys')
      .set(bearer(pair.access_token))
      .send({ name: 'ci', scopes: ['posts.read'] })
      .expect(201);
    const apiKey = { Authorization: `ApiKey ${(created.body as { key: string }).key}` };

    const list = await t.http.get('/auth/sessions').set(apiKey).expect(403);
    await t.http.delete(`/auth/sessions/${id}`).set(apiKey).expect(403);

    expect(list.body.error).toBe('InsufficientPermissionsError');
    await me(pair).expect(200);
  });

  it('is described in the OpenAPI document, with the id path parameter', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const sessions = document.paths['/auth/sessions/{id}'].delete;
    expect(document.paths['/auth/sessions'].get).toBeDefined();
    expect(sessions.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
  });

  it('fails closed with 503 and no tokens when the session store does not answer', async () => {
    await register('outage@example.com');
    const pair = await loginFrom('outage@example.com');
    const store = t.app.get(SessionStore);
    const outage = () => Promise.reject(new AuthStoreUnavailableError('session store'));
    const spies = [
      jest.spyOn(store, 'create').mockImplementationOnce(outage),
      jest.spyOn(store, 'listLive').mockImplementationOnce(outage),
    ];
    try {
      const login = await t.http
        .post('/auth/login')
        .send({ email: 'outage@example.com', password: PASSWORD })
        .expect(503);
      expect(login.body).not.toHaveProperty('access_token');
      expect(login.headers['retry-after']).toBeDefined();
      await t.http.get('/auth/sessions').set(bearer(pair.access_token)).expect(503);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    await sessionsOf(pair);
  });
});

describe('Sessions on the Fastify adapter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ adapter: 'fastify' });
  });
  afterAll(() => t.close());

  it('lists without caching and ends a session with 204', async () => {
    await t.http.post('/auth/register').send({ email: 'f@example.com', password: PASSWORD });
    const login = () =>
      t.http.post('/auth/login').send({ email: 'f@example.com', password: PASSWORD }).expect(200);
    const a = (await login()).body as TokenPair;
    const b = (await login()).body as TokenPair;

    const list = await t.http.get('/auth/sessions').set(bearer(b.access_token)).expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const sessions = (list.body as { sessions: SessionView[] }).sessions;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s) => !s.current)!;

    await t.http.delete(`/auth/sessions/${other.id}`).set(bearer(b.access_token)).expect(204);
    await t.http.get('/auth/me').set(bearer(a.access_token)).expect(401);
    await t.http.delete('/auth/sessions/nope').set(bearer(b.access_token)).expect(404);
  });
});
