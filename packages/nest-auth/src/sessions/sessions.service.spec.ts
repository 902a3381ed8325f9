import type { AuthPrincipal } from '../authenticator/auth-principal';
import { AuthClock } from '../common/auth-clock';
import {
  AuthResourceNotFoundError,
  AuthStoreUnavailableError,
  InsufficientPermissionsError,
  TokenBlacklistedError,
} from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { TokenRevokedEvent } from '../events/auth-events';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthMetrics } from '../metrics/auth-metrics';
import { loadAuthConfig } from '../settings/load-auth-config';
import { MemoryTokenBlacklist } from '../token-blacklist/memory-token-blacklist';
import { MemorySessionStore } from './memory-session-store';
import { SessionsService } from './sessions.service';

const T0 = Date.UTC(2026, 0, 1);
const REFRESH_TTL_S = 3600;
const CLIENT = { userAgent: 'Firefox', ip: '198.51.100.4' };
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Stores whose purge timers stop after each test, as Nest would on shutdown. */
const running: { onApplicationShutdown(): void }[] = [];
afterEach(() => running.splice(0).forEach((store) => store.onApplicationShutdown()));

function setUp(maxSessionsPerUser = 0) {
  let now = T0;
  const clock = () => now;
  const store = new MemorySessionStore(clock);
  const blacklist = new MemoryTokenBlacklist(clock);
  const config = loadAuthConfig({
    configFile: false,
    env: {},
    maxSessionsPerUser,
    token: { refreshTtlSeconds: REFRESH_TTL_S, accessTtlSeconds: 600 },
  });
  const metrics = new AuthMetrics();
  const events = new AuthEventPublisher(null);
  const published = jest.spyOn(events, 'publish');
  const log = new AuthDecisionLogger();
  jest.spyOn(log, 'decision').mockImplementation(() => undefined);
  const service = new SessionsService(
    store,
    blacklist,
    config,
    AuthClock.from(clock),
    metrics,
    events,
    log,
  );
  const isBlacklisted = (sid: string) =>
    blacklist.isRevoked({ ids: [sid], userId: 'user-1', issuedAtMs: T0 + 1 });
  const listed = async (userId = 'user-1') =>
    (await store.listLive(userId)).map((session) => session.id);
  const revocations = async (cause: string) =>
    (await metrics.revocations.get()).values.find((v) => v.labels.cause === cause)?.value ?? 0;
  const advance = (ms: number) => (now += ms);
  running.push(store, blacklist);
  return { service, store, blacklist, published, isBlacklisted, listed, revocations, advance };
}

const principal = (sessionId: string, extra: Partial<AuthPrincipal> = {}): AuthPrincipal => ({
  userId: 'user-1',
  method: 'access_token',
  roles: [],
  scopes: null,
  sessionId,
  tokenId: 'jti',
  issuedAtMs: T0,
  expiresAt: new Date(T0 + 600_000),
  ...extra,
});

describe('SessionsService', () => {
  it('records a login with its client, used now, living one refresh lifetime', async () => {
    const { service, store } = setUp();

    await service.start('user-1', ID(1), { userAgent: 'x'.repeat(600), ip: '203.0.113.9' });

    await expect(store.findLive(ID(1))).resolves.toMatchObject({
      userAgent: 'x'.repeat(512),
      ip: '203.0.113.9',
      createdAt: new Date(T0),
      lastUsedAt: new Date(T0),
      expiresAt: new Date(T0 + REFRESH_TTL_S * 1000),
    });
  });

  describe('max sessions per user', () => {
    it('ends the least recently used live session beyond the limit, in blacklist and store', async () => {
      const t = setUp(2);
      await t.service.start('user-1', ID(1), CLIENT);
      t.advance(1000);
      await t.service.start('user-1', ID(2), CLIENT);
      t.advance(1000);
      await t.service.touch(ID(1), 'user-1');
      t.advance(1000);

      await t.service.start('user-1', ID(3), CLIENT);

      expect(await t.listed()).toEqual([ID(3), ID(1)]);
      await expect(t.isBlacklisted(ID(2))).resolves.toBe(true);
      await expect(t.isBlacklisted(ID(1))).resolves.toBe(false);
      expect(t.published).toHaveBeenCalledWith(
        expect.objectContaining({ cause: 'session_evicted', sessionId: ID(2), userId: 'user-1' }),
      );
      await expect(t.revocations('session_evicted')).resolves.toBe(1);
    });

    it('keeps every session when the limit is 0 (unlimited)', async () => {
      const t = setUp(0);
      for (let i = 1; i <= 5; i += 1) await t.service.start('user-1', ID(i), CLIENT);

      expect(await t.listed()).toHaveLength(5);
    });

    it("counts only the user's own live sessions", async () => {
      const t = setUp(1);
      await t.service.start('user-2', ID(1), CLIENT);
      await t.service.start('user-1', ID(2), CLIENT);

      expect(await t.listed('user-2')).toEqual([ID(1)]);
    });

    it('fails the login and unlists its session when an eviction cannot be written', async () => {
      const t = setUp(1);
      await t.service.start('user-1', ID(1), CLIENT);
      const outage = new AuthStoreUnavailableError('token blacklist');
      jest.spyOn(t.blacklist, 'revoke').mockRejectedValueOnce(outage);

      await expect(t.service.start('user-1', ID(2), CLIENT)).rejects.toBe(outage);
      expect(await t.listed()).toEqual([ID(1)]);
    });
  });

  it('blacklists first: when the blacklist fails, the session stays listed', async () => {
    const t = setUp();
    await t.service.start('user-1', ID(1), CLIENT);
    jest.spyOn(t.blacklist, 'revoke').mockRejectedValueOnce(new AuthStoreUnavailableError('x'));

    await expect(t.service.revoke(ID(1))).rejects.toBeInstanceOf(AuthStoreUnavailableError);
    expect(await t.listed()).toEqual([ID(1)]);
  });

  it('keeps the session id blacklisted while any of its tokens may live', async () => {
    const t = setUp();
    await t.service.start('user-1', ID(1), CLIENT);
    await t.service.revoke(ID(1));

    t.advance(REFRESH_TTL_S * 1000 - 1);
    await expect(t.isBlacklisted(ID(1))).resolves.toBe(true);
  });

  it('touch moves last use and expiry', async () => {
    const t = setUp();
    await t.service.start('user-1', ID(1), CLIENT);
    t.advance(60_000);

    await t.service.touch(ID(1), 'user-1');

    await expect(t.store.findLive(ID(1))).resolves.toMatchObject({
      lastUsedAt: new Date(T0 + 60_000),
      expiresAt: new Date(T0 + 60_000 + REFRESH_TTL_S * 1000),
    });
  });

  it('touch refuses (401) a session the store records as ended, even when the blacklist forgot it', async () => {
    const t = setUp();
    await t.service.start('user-1', ID(1), CLIENT);
    await t.service.start('user-1', ID(2), CLIENT);
    // What a Redis restart without persistence leaves: the records ended, the blacklist empty.
    await t.store.revoke(ID(1));
    await t.service.markAllRevoked('user-1');
    await expect(t.isBlacklisted(ID(1))).resolves.toBe(false);

    for (const id of [ID(1), ID(2), ID(3)]) {
      await expect(t.service.touch(id, 'user-1')).rejects.toBeInstanceOf(TokenBlacklistedError);
    }
  });

  it('markAllRevoked empties the list', async () => {
    const t = setUp();
    await t.service.start('user-1', ID(1), CLIENT);
    await t.service.start('user-1', ID(2), CLIENT);

    await t.service.markAllRevoked('user-1');

    expect(await t.listed()).toEqual([]);
  });

  describe('revokeOwn', () => {
    it('ends one of the caller’s sessions and reports it', async () => {
      const t = setUp();
      await t.service.start('user-1', ID(1), CLIENT);
      await t.service.start('user-1', ID(2), CLIENT);

      await t.service.revokeOwn(principal(ID(2)), ID(1));

      expect(await t.listed()).toEqual([ID(2)]);
      await expect(t.isBlacklisted(ID(1))).resolves.toBe(true);
      expect(t.published).toHaveBeenCalledWith(expect.any(TokenRevokedEvent));
      expect(t.published.mock.calls[0][0]).toMatchObject({
        cause: 'session_revoked',
        sessionId: ID(1),
        userId: 'user-1',
      });
      await expect(t.revocations('session_revoked')).resolves.toBe(1);
    });

    it.each([
      ['malformed', 'not-a-uuid'],
      ['unknown', ID(9)],
      ["another user's", ID(5)],
      ['already ended', ID(6)],
    ])('answers 404 for a %s id, the same for all', async (_, id) => {
      const t = setUp();
      await t.service.start('user-2', ID(5), CLIENT);
      await t.service.start('user-1', ID(6), CLIENT);
      await t.service.revoke(ID(6));

      const error = await t.service.revokeOwn(principal(ID(1)), id).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AuthResourceNotFoundError);
      expect((error as Error).message).toMatch(/^No such session/);
      expect(await t.listed('user-2')).toEqual([ID(5)]);
    });
  });

  it('refuses an API key with 403, for listing and ending', async () => {
    const t = setUp();
    await t.service.start('user-1', ID(1), CLIENT);
    const apiKey = principal(ID(1), { method: 'api_key', scopes: [] });

    expect(() => t.service.list(apiKey)).toThrow(InsufficientPermissionsError);
    await expect(t.service.revokeOwn(apiKey, ID(1))).rejects.toBeInstanceOf(
      InsufficientPermissionsError,
    );
    expect(await t.listed()).toEqual([ID(1)]);
  });
});
