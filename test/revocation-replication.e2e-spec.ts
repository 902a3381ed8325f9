import { Redis } from 'ioredis';
import { FAIL_FAST_REDIS_OPTIONS } from '../packages/nest-auth/src/redis/create-redis-client';
import { AuthStoreUnavailableError } from '../packages/nest-auth/src/errors/auth.errors';
import { RedisRevocationKeys } from '../packages/nest-auth/src/token-blacklist/redis-revocation-keys';
import { RedisTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/redis-token-blacklist';
import { ReplicatedTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/replicated-token-blacklist';
import { replicateRedisBlacklist } from '../packages/nest-auth/src/token-blacklist/redis-replicated-token-blacklist';
import { RevocationCache } from '../packages/nest-auth/src/token-blacklist/revocation-cache';
import type { ReplicationTimings } from '../packages/nest-auth/src/token-blacklist/revocation-replicator';
import { FakeClock } from './support/fake-clock';
import { connectRedis, uniqueKeyPrefix } from './support/redis-backend';
import { RedisTestServer } from './support/services/redis-server';
import { waitFor } from './support/services/tcp';

const HOUR_MS = 3_600_000;

/**
 * The replica behind store=redis (ReplicatedTokenBlacklist) against a Redis of its own, which the
 * tests kill, hang and restart: what it answers from memory, how it resyncs, and that it never
 * accepts a revoked token while it is not in sync. The TokenBlacklist contract runs on it too
 * (test/contracts/token-blacklist.contract-spec.ts, row redis/replicated).
 */
describe('Revocations replicated into each instance', () => {
  let server: RedisTestServer;
  let clock: FakeClock;
  let keys: RedisRevocationKeys;
  const clients: Redis[] = [];
  const replicas: ReplicatedTokenBlacklist[] = [];

  const client = async () => {
    const redis = await connectRedis(server.url);
    clients.push(redis);
    return redis;
  };
  /** A running instance: its replica loaded. */
  const instance = async (timings: Partial<ReplicationTimings> = {}) => {
    const replica = replicateRedisBlacklist(await client(), clock.now, keys.prefix, timings);
    replicas.push(replica);
    await replica.sync();
    return replica;
  };
  const inAnHour = () => new Date(clock.now() + HOUR_MS);
  const token = (ids: string[], userId = 'user-1', issuedAtMs = clock.now()) => ({
    ids,
    userId,
    issuedAtMs,
  });
  /** Redis commands `redis` sends while `run` runs. */
  const commandsDuring = async (redis: Redis, run: () => Promise<unknown>) => {
    const sent = jest.spyOn(redis, 'sendCommand');
    try {
      await run();
      return sent.mock.calls.map(([command]) => command.name);
    } finally {
      sent.mockRestore();
    }
  };
  /** A revocation written to Redis without its announcement: what a replica misses while away. */
  const writeSilently = async (id: string) => {
    const admin = await client();
    const expiresAt = inAnHour().getTime();
    await admin.set(keys.id(id), String(expiresAt), 'PX', HOUR_MS);
    await admin.zadd(keys.index, expiresAt, `i:${id}`);
  };

  beforeAll(async () => {
    server = await RedisTestServer.start({ appendOnly: true });
  });

  afterAll(() => server.stop());

  beforeEach(async () => {
    if (!server.running) await server.restart();
    clock = new FakeClock();
    keys = new RedisRevocationKeys(uniqueKeyPrefix());
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((replica) => replica.onApplicationShutdown()));
    for (const redis of clients.splice(0)) redis.disconnect();
  });

  it('answers from memory in sync, with no Redis command, including revocations made elsewhere', async () => {
    const [a, b] = [await instance(), await instance()];
    await a.revoke('jti-1', inAnHour());
    await a.revokeAllForUser('user-2', clock.now(), inAnHour());
    await b.sync();

    const bClient = clients[1];
    const answers: boolean[] = [];
    const sent = await commandsDuring(bClient, async () => {
      answers.push(await b.isRevoked(token(['jti-1'])));
      answers.push(await b.isRevoked(token(['jti-2'], 'user-2')));
      answers.push(await b.isRevoked(token(['jti-2'])));
    });

    expect(answers).toEqual([true, true, false]);
    expect(sent).toEqual([]);
  });

  it('loads every live revocation at start, page by page, and skips expired ones', async () => {
    const writer = new RedisTokenBlacklist(await client(), clock.now, keys.prefix);
    for (let i = 0; i < 50; i++) await writer.revoke(`jti-${i}`, inAnHour());
    for (let i = 0; i < 10; i++)
      await writer.revokeAllForUser(`user-${i}`, clock.now(), inAnHour());
    await writer.revoke('short-lived', new Date(clock.now() + 1000));
    clock.advance(2000);

    const replica = await instance({ scanCount: 7 });

    expect(replica.cachedRevocations).toBe(60);
    const sent = await commandsDuring(clients[clients.length - 1], async () => {
      for (let i = 0; i < 50; i++)
        await expect(replica.isRevoked(token([`jti-${i}`]))).resolves.toBe(true);
      for (let i = 0; i < 10; i++) {
        await expect(
          replica.isRevoked(token(['x'], `user-${i}`, clock.now() - 2000)),
        ).resolves.toBe(true);
      }
      await expect(replica.isRevoked(token(['short-lived']))).resolves.toBe(false);
    });
    expect(sent).toEqual([]);
  });

  it('resyncs after its subscriber connection is killed, picking up what it missed', async () => {
    const replica = await instance();
    // In sync, a write that was never announced stays unseen: the resync below is what finds it.
    await writeSilently('missed-before');
    await expect(replica.isRevoked(token(['missed-before']))).resolves.toBe(false);

    const admin = await client();
    await admin.client('KILL', 'TYPE', 'pubsub');
    await waitFor(
      () => !replica.inSync,
      5000,
      () => 'the replica did not notice the kill',
    );
    await writeSilently('missed-while-away');
    await replica.sync();

    const sent = await commandsDuring(clients[0], async () => {
      await expect(replica.isRevoked(token(['missed-before']))).resolves.toBe(true);
      await expect(replica.isRevoked(token(['missed-while-away']))).resolves.toBe(true);
    });
    expect(sent).toEqual([]);
  });

  it('asks Redis while not in sync, so it never accepts a revoked token then', async () => {
    // A replica that never trusts its subscriber: it is never in sync.
    const [a, b] = [
      await instance(),
      replicateRedisBlacklist(await client(), clock.now, keys.prefix, { staleAfterMs: -1 }),
    ];
    replicas.push(b);
    await writeSilently('silent');

    for (let i = 0; i < 20; i++) {
      await a.revoke(`jti-${i}`, inAnHour());
      await expect(b.isRevoked(token([`jti-${i}`]))).resolves.toBe(true);
    }
    expect(b.inSync).toBe(false);
    const sent = await commandsDuring(clients[1], () => b.isRevoked(token(['silent'])));
    expect(sent).toEqual(['mget']);
  });

  it('survives a change it cannot apply: stops trusting itself, then reloads it', async () => {
    // A plain writer, so the replica's channel message is the only change applied to a cache.
    const writer = new RedisTokenBlacklist(await client(), clock.now, keys.prefix);
    const replica = await instance({ resyncRetryMs: 10 });
    const apply = jest.spyOn(RevocationCache.prototype, 'revokeId');
    apply.mockImplementationOnce(() => {
      throw new Error('out of memory');
    });
    try {
      await writer.revoke('jti-1', inAnHour());
      // The failed message, then the reload that finds the revocation in Redis.
      await waitFor(
        () => apply.mock.calls.length >= 2,
        5000,
        () => 'the replica did not reload after the failed message',
      );
    } finally {
      apply.mockRestore();
    }

    await replica.sync();
    const answers: boolean[] = [];
    const sent = await commandsDuring(clients[1], async () => {
      answers.push(await replica.isRevoked(token(['jti-1'])));
    });
    expect({ answers, sent }).toEqual({ answers: [true], sent: [] });
  });

  it('gets in sync on a host client made with lazyConnect, whose duplicate waits for a command', async () => {
    const lazy = new Redis(server.url, { ...FAIL_FAST_REDIS_OPTIONS, lazyConnect: true });
    clients.push(lazy);
    await lazy.connect();
    const replica = replicateRedisBlacklist(lazy, clock.now, keys.prefix);
    replicas.push(replica);

    await replica.sync(2000);
    expect(replica.inSync).toBe(true);
  });

  it('stops trusting itself when Redis hangs, and fails closed', async () => {
    const replica = await instance({ heartbeatMs: 50, staleAfterMs: 200 });
    await replica.revoke('jti-1', inAnHour());

    server.pause();
    try {
      await waitFor(
        () => !replica.inSync,
        5000,
        () => 'the replica kept trusting a hung Redis',
      );
      await expect(replica.isRevoked(token(['jti-2']))).rejects.toBeInstanceOf(
        AuthStoreUnavailableError,
      );
    } finally {
      server.resume();
    }
    await replica.sync();
    await expect(replica.isRevoked(token(['jti-1']))).resolves.toBe(true);
  });

  it('fails closed while Redis is down and is back in sync after its restart', async () => {
    const [a, b] = [await instance(), await instance()];
    await a.revoke('jti-1', inAnHour());

    await server.stop();
    await waitFor(
      () => !b.inSync,
      5000,
      () => 'the replica did not notice the outage',
    );
    await expect(b.isRevoked(token(['jti-2']))).rejects.toBeInstanceOf(AuthStoreUnavailableError);

    await server.restart();
    await Promise.all([a.sync(), b.sync()]);
    await a.revoke('jti-3', inAnHour());
    await b.sync();
    const sent = await commandsDuring(clients[1], async () => {
      await expect(b.isRevoked(token(['jti-1']))).resolves.toBe(true);
      await expect(b.isRevoked(token(['jti-3']))).resolves.toBe(true);
      await expect(b.isRevoked(token(['jti-2']))).resolves.toBe(false);
    });
    expect(sent).toEqual([]);
  });

  it('indexes and loads revocations written by a version without replication', async () => {
    const admin = await client();
    const expiresAt = inAnHour().getTime();
    await admin.set(keys.id('legacy:jti'), String(expiresAt), 'PX', HOUR_MS);
    await admin.set(keys.id('legacy-expired'), String(clock.now() - 1), 'PX', HOUR_MS);
    await admin.set(keys.user('legacy-user'), `${clock.now()}:${expiresAt}`, 'PX', HOUR_MS);

    const replica = await instance();

    const sent = await commandsDuring(clients[1], async () => {
      await expect(replica.isRevoked(token(['legacy:jti']))).resolves.toBe(true);
      await expect(replica.isRevoked(token(['legacy-expired']))).resolves.toBe(false);
      await expect(replica.isRevoked(token(['x'], 'legacy-user'))).resolves.toBe(true);
    });
    expect(sent).toEqual([]);
    await expect(admin.zrange(keys.index, 0, -1)).resolves.toEqual([
      'i:legacy:jti',
      'u:legacy-user',
    ]);
    await expect(admin.pttl(keys.index)).resolves.toBeGreaterThan(0);
    await expect(admin.exists(keys.indexedMarker)).resolves.toBe(1);
  });

  it('keeps only live revocations in the index it loads from', async () => {
    const replica = await instance();
    const admin = await client();
    await replica.revoke('short', new Date(clock.now() + 1000));
    await replica.revokeAllForUser('user-1', clock.now(), new Date(clock.now() + 1000));
    await replica.revoke('long', inAnHour());

    clock.advance(1000);
    await replica.revoke('later', inAnHour());

    await expect(admin.zrange(keys.index, 0, -1)).resolves.toEqual(['i:long', 'i:later']);
    const ttl = await admin.pttl(keys.index);
    expect(ttl).toBeGreaterThan(HOUR_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(HOUR_MS);
  });
});
