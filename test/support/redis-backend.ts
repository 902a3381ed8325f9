import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { FAIL_FAST_REDIS_OPTIONS, waitUntilReady } from '../../src/auth/redis/create-redis-client';
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

/**
 * A Redis store on the run's shared Redis under a key prefix of its own. Its client connects
 * through a TCP proxy, so `disconnect` makes Redis unreachable for it alone (the proxy stops
 * listening: the client's reconnections are refused, as when Redis is down). `reopen` is a new
 * client and a new store on the same prefix (an app restart); `openAnother` a second instance.
 */
export function redisBackend<T, D>(
  build: (redis: Redis, deps: D, keyPrefix: string) => T,
): StoreBackend<T, D> {
  return {
    name: 'redis',
    durable: true,
    shared: true,
    create: async (deps): Promise<BackendHandle<T>> => {
      const keyPrefix = uniqueKeyPrefix();
      const { proxy, url } = await proxied(sharedRedisUrl());
      const clients = [await connectRedis(url)];
      const open = async () => {
        const client = await connectRedis(sharedRedisUrl());
        clients.push(client);
        return build(client, deps, keyPrefix);
      };
      return {
        subject: build(clients[0], deps, keyPrefix),
        reopen: async () => {
          clients[0].disconnect();
          return open();
        },
        openAnother: open,
        disconnect: () => proxy.close(),
        close: async () => {
          for (const client of clients) client.disconnect();
          await proxy.close();
          await deleteKeys(keyPrefix);
        },
      };
    },
  };
}
