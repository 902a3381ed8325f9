import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AuthStoreUnavailableError } from '../../packages/nest-auth/src/errors/auth.errors';
import { RedisLoginAttemptTracker } from '../../packages/nest-auth/src/login-attempt-tracker/redis-login-attempt-tracker';
import {
  createRedisClient,
  waitUntilReady,
} from '../../packages/nest-auth/src/redis/create-redis-client';
import { RedisTokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/redis-token-blacklist';
import { FakeClock } from '../support/fake-clock';
import { connectRedis, uniqueKeyPrefix } from '../support/redis-backend';
import { rejectionsOf } from '../support/rejection-of';
import { RedisTestServer } from '../support/services/redis-server';
import { freeLoopbackPort, waitFor } from '../support/services/tcp';

const DURATION_S = 300;
const policy = { maxFailedAttempts: 2, lockoutDurationSeconds: DURATION_S };
const HOUR_MS = 3_600_000;

/** Both Redis stores on one client, under one prefix (`undefined`: the stores' default). */
function storesOn(redis: Redis, clock = new FakeClock(), keyPrefix?: string) {
  return {
    tracker: new RedisLoginAttemptTracker(redis, policy, clock.now, keyPrefix),
    blacklist: new RedisTokenBlacklist(redis, clock.now, keyPrefix),
  };
}

/** Every operation of both stores once, each as a thunk. */
function everyOperation({ tracker, blacklist }: ReturnType<typeof storesOn>) {
  const expiresAt = new Date(Date.UTC(2100, 0, 1));
  return {
    check: () => tracker.check('alice@example.com'),
    recordFailure: () => tracker.recordFailure('alice@example.com'),
    release: () => tracker.release('alice@example.com'),
    recordSuccess: () => tracker.recordSuccess('alice@example.com'),
    clear: () => tracker.clear('alice@example.com'),
    status: () => tracker.status('alice@example.com'),
    revoke: () => blacklist.revoke('jti-1', expiresAt),
    revokeAllForUser: () => blacklist.revokeAllForUser('user-1', Date.now(), expiresAt),
    isRevoked: () =>
      blacklist.isRevoked({ ids: ['jti-1', 'sid-1'], userId: 'user-1', issuedAtMs: 1 }),
  };
}

async function expectAllUnavailable(operations: Record<string, () => Promise<unknown>>) {
  const errors = await rejectionsOf(Object.values(operations).map((operation) => operation()));
  for (const error of errors) expect(error).toBeInstanceOf(AuthStoreUnavailableError);
}

// On a Redis of its own, so every key in it was written by this suite.
describe('Redis stores on their own Redis', () => {
  let server: RedisTestServer;
  let admin: Redis;

  beforeAll(async () => {
    server = await RedisTestServer.start();
    admin = await connectRedis(server.url);
  });

  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });

  it('writes every key under lex:auth:, with a TTL until its entry lapses', async () => {
    const clock = new FakeClock();
    const { tracker, blacklist } = storesOn(admin, clock);
    await tracker.check('bob@example.com');
    await tracker.recordFailure('bob@example.com');
    await tracker.check('dave@example.com');
    await tracker.check('alice@example.com');
    clock.advanceSeconds(100);
    await tracker.check('bob@example.com');
    await tracker.check('alice@example.com');
    await tracker.recordFailure('alice@example.com');
    await tracker.status('carol@example.com');
    await blacklist.revoke('jti-1', new Date(clock.now() + HOUR_MS));
    await blacklist.revokeAllForUser('user-1', clock.now(), new Date(clock.now() + 2 * HOUR_MS));
    await blacklist.isRevoked({ ids: ['jti-2'], userId: 'user-2', issuedAtMs: clock.now() });

    // TTLs in seconds, rounded up to tens: the real time the test takes is well under 10 s.
    const ttls: Record<string, number> = {};
    for (const key of await admin.keys('*')) {
      ttls[key] = Math.ceil((await admin.pttl(key)) / 10_000) * 10;
    }
    expect(ttls).toEqual({
      // Until the window ends, 200 s after the second check: not renewed to the full 300 s.
      'lex:auth:attempts:bob@example.com': DURATION_S - 100,
      // Only a pending attempt, no failure: until the slot lapses, not until the window ends.
      'lex:auth:attempts:dave@example.com': 30,
      // Until the lock ends, which outlasts the window.
      'lex:auth:attempts:alice@example.com': DURATION_S,
      'lex:auth:revoked:jti-1': HOUR_MS / 1000,
      'lex:auth:user-revoked:user-1': (2 * HOUR_MS) / 1000,
      // The index of live revocations a replica loads: until its last member lapses.
      'lex:auth:revocations': (2 * HOUR_MS) / 1000,
    });
  });

  it('answers each operation with one command, so one round trip', async () => {
    const client = await connectRedis(server.url);
    const sent = jest.spyOn(client, 'sendCommand');
    try {
      // Its own prefix: the previous test locked alice under the default one.
      const operations = everyOperation(storesOn(client, new FakeClock(), uniqueKeyPrefix()));
      // The first call of a script loads it (EVALSHA, NOSCRIPT, then EVAL); later ones are one EVALSHA.
      for (const operation of Object.values(operations)) await operation();

      const commands: Record<string, string[]> = {};
      for (const [name, operation] of Object.entries(operations)) {
        sent.mockClear();
        await operation();
        commands[name] = sent.mock.calls.map(([command]) => command.name);
      }
      expect(commands).toEqual({
        check: ['evalsha'],
        recordFailure: ['evalsha'],
        release: ['evalsha'],
        recordSuccess: ['evalsha'],
        clear: ['del'],
        status: ['hmget'],
        revoke: ['evalsha'],
        revokeAllForUser: ['evalsha'],
        isRevoked: ['mget'],
      });
    } finally {
      client.disconnect();
    }
  });
});

describe('Redis stores when Redis fails', () => {
  let server: RedisTestServer;
  let errorLog: jest.SpyInstance;
  let infoLog: jest.SpyInstance;

  beforeAll(async () => {
    server = await RedisTestServer.start();
  });

  afterAll(() => server.stop());

  beforeEach(async () => {
    // A test that failed while Redis was down must not fail the next ones.
    if (!server.running) await server.restart();
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    infoLog = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('refuses every operation while Redis is down and answers again once it is back', async () => {
    const client = createRedisClient(server.url);
    try {
      await waitUntilReady(client, 5000);
      const operations = everyOperation(storesOn(client));
      await operations.check();

      await server.stop();
      await expectAllUnavailable(operations);
      // Logged when the first reconnection is refused.
      await waitFor(
        () => errorLog.mock.calls.length > 0,
        5000,
        () => 'no outage logged',
      );

      // The new server has an empty script cache: EVALSHA fails and the script is loaded again.
      await server.restart();
      await waitUntilReady(client, 5000);
      await expect(operations.check()).resolves.toEqual({ attempts: 1, remaining: 1 });
      await expect(operations.revoke()).resolves.toBe(true);
      await expect(operations.isRevoked()).resolves.toBe(true);
      expect(infoLog).toHaveBeenCalledWith(expect.stringContaining('reachable again'));
    } finally {
      client.disconnect();
    }
  });

  it('refuses every operation when Redis hangs, once the command timeout passes', async () => {
    const client = createRedisClient(server.url);
    try {
      await waitUntilReady(client, 5000);
      const operations = everyOperation(storesOn(client));

      server.pause();
      try {
        await expectAllUnavailable(operations);
      } finally {
        server.resume();
      }
    } finally {
      client.disconnect();
    }
  });

  it('logs an outage once, without the credentials in the URL', async () => {
    const port = await freeLoopbackPort();
    const client = createRedisClient(`redis://lex:s3cret-pass@127.0.0.1:${port}`);
    let errors = 0;
    client.on('error', () => (errors += 1));
    try {
      // Two failed reconnections, still one log line.
      await waitFor(
        () => errors >= 2,
        5000,
        () => `only ${errors} connection errors`,
      );

      expect(errorLog).toHaveBeenCalledTimes(1);
      const [message] = errorLog.mock.calls[0] as [string];
      expect(message).toContain('Redis is unreachable');
      expect(message).not.toContain('s3cret-pass');
    } finally {
      client.disconnect();
    }
  });
});
