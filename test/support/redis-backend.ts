import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  FAIL_FAST_REDIS_OPTIONS,
  waitUntilReady,
} from '../../packages/nest-auth/src/redis/create-redis-client';
import { sharedRedisUrl } from './services/shared-services';
import { TcpProxy } from './services/tcp-proxy';
import type { BackendHandle, StoreBackend } from './store-backends';

/** A key prefix no other suite uses, so suites share the run's Redis without seeing each other. */
export function uniqueKeyPrefix(): string {
  return `lex:test:${randomBytes(6).toString('hex')}:`;
}

/** A client with the app's fail-fast options, connected and ready. */
export async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, FAIL_FAST_REDIS_OPTIONS);
  // The outage tests cause connection errors on purpose; createRedisClient would log them.
  client.on('error', () => undefined);
  await waitUntilReady(client, 5000);
  return client;
}

/** Deletes every key under `prefix` (the suite's leftovers) on the run's Redis. */
export async function deleteKeys(prefix: string): Promise<void> {
  const admin = await connectRedis(sharedRedisUrl());
  try {
    const keys: string[] = [];
    for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 500 })) {
      keys.push(...(batch as string[]));
    }
    if (keys.length > 0) await admin.del(...keys);
  } finally {
    admin.disconnect();
  }
}

/** A proxy to the Redis at `url`, and the same URL (credentials included) through the proxy. */
async function proxied(url: string): Promise<{ proxy: TcpProxy; url: string }> {
  const target = new URL(url);
  const proxy = await TcpProxy.start(target.hostname, Number(target.port || 6379));
  target.hostname = '127.0.0.1';
  target.port = String(proxy.port);
  return { proxy, url: target.toString() };
}

/** A store that replicates asynchronously (ReplicatedTokenBlacklist) can wait until it is current. */
interface Syncable {
  sync?: () => Promise<void>;
  onApplicationShutdown?: () => void;
}

/** Resolves once `client` has noticed that its connection is gone. */
async function lost(client: Redis): Promise<void> {
  if (client.status !== 'ready') return;
  await new Promise((resolve) => client.once('close', resolve));
}

/**
 * A Redis store on the run's shared Redis under a key prefix of its own. Its client connects
 * through a TCP proxy, so `disconnect` makes Redis unreachable for it alone (the proxy stops
 * listening: the client's reconnections are refused, as when Redis is down) and resolves once the
 * client has noticed. `reopen` is a new client and a new store on the same prefix (an app
 * restart, returned at once: a replica is still loading); `openAnother` a second instance (a
 * running one: its replica loaded, as the first subject's). `settle` waits until every subject that replicates
 * asynchronously holds every write made so far (see BackendHandle.settle).
 */
export function redisBackend<T, D>(
  build: (redis: Redis, deps: D, keyPrefix: string) => T,
  name = 'redis',
): StoreBackend<T, D> {
  return {
    name,
    durable: true,
    shared: true,
    create: async (deps): Promise<BackendHandle<T>> => {
      const keyPrefix = uniqueKeyPrefix();
      const { proxy, url } = await proxied(sharedRedisUrl());
      const clients = [await connectRedis(url)];
      const subjects = [build(clients[0], deps, keyPrefix)];
      /** A new client and subject, in slot `slot` (a restart) or added (another instance). */
      const open = async (slot = subjects.length) => {
        clients[slot] = await connectRedis(sharedRedisUrl());
        subjects[slot] = build(clients[slot], deps, keyPrefix);
        return subjects[slot];
      };
      const each = (subject: T) => subject as Syncable;
      // A running instance has loaded its replica: tests then exercise the in-memory answers.
      await each(subjects[0]).sync?.();
      return {
        subject: subjects[0],
        reopen: async () => {
          each(subjects[0]).onApplicationShutdown?.();
          clients[0].disconnect();
          return open(0);
        },
        openAnother: async () => {
          const subject = await open();
          await each(subject).sync?.();
          return subject;
        },
        disconnect: async () => {
          await proxy.close();
          await lost(clients[0]);
        },
        settle: async () => {
          await Promise.all(subjects.map((subject) => each(subject).sync?.() ?? Promise.resolve()));
        },
        close: async () => {
          for (const subject of subjects) each(subject).onApplicationShutdown?.();
          for (const client of clients) client.disconnect();
          await proxy.close();
          await deleteKeys(keyPrefix);
        },
      };
    },
  };
}
