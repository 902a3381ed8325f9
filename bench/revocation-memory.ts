/**
 * Issue 7, target 4 (part): what 100 k live revocations cost in an instance's memory under
 * store=redis (each instance keeps a replica of them), and that they leave memory once expired.
 *
 * 1. RevocationCache alone, filled with UUID ids (and 10 % users), measured with V8's heap.
 * 2. Real replicas on a Redis: B in sync while 100 k revocations are written (it gets them as
 *    channel messages), then C started afterwards (it loads them with ZSCAN over the index);
 *    heap growth of each, C's load time, Redis's own memory for them; then the clock passes
 *    their expiry and a purge runs.
 *
 *   REDIS_URL=redis://127.0.0.1:6390 npm run bench:revocation-memory
 *   REVOCATIONS=200000 REDIS_URL=… npm run bench:revocation-memory
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import {
  FAIL_FAST_REDIS_OPTIONS,
  waitUntilReady,
} from '../packages/nest-auth/src/redis/create-redis-client';
import { RedisTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/redis-token-blacklist';
import { ReplicatedTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/replicated-token-blacklist';
import { replicateRedisBlacklist } from '../packages/nest-auth/src/token-blacklist/redis-replicated-token-blacklist';
import { RevocationCache } from '../packages/nest-auth/src/token-blacklist/revocation-cache';

const COUNT = Number(process.env.REVOCATIONS ?? 100_000);
const USERS = Math.round(COUNT / 10);
const HOUR_MS = 3_600_000;
const MB = 1024 * 1024;

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (the npm script does)');
  collect();
  collect();
};
const heap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};
const row = (what: string, bytes: number) =>
  `| ${what} | ${Math.round(bytes / COUNT)} | ${(bytes / MB).toFixed(1)} |`;

/**
 * A flat copy, as ids arrive from JSON.parse or a Redis reply; randomUUID builds a tree of
 * concatenated pieces that would weigh several times the string itself.
 */
const flat = (text: string): string => Buffer.from(text, 'latin1').toString('latin1');

function cacheAlone(): string {
  const before = heap();
  const cache = new RevocationCache();
  const now = Date.now();
  for (let i = 0; i < COUNT - USERS; i++) cache.revokeId(flat(randomUUID()), now + HOUR_MS, now);
  for (let i = 0; i < USERS; i++) cache.revokeUser(flat(randomUUID()), now, now + HOUR_MS, now);
  const grown = heap() - before;
  if (cache.size !== COUNT) throw new Error('lost entries');
  return row('RevocationCache alone (UUID ids)', grown);
}

async function replicas(url: string): Promise<string[]> {
  const prefix = `lex:bench:${randomBytes(4).toString('hex')}:`;
  const clients: Redis[] = [];
  const connect = async () => {
    const client = new Redis(url, FAIL_FAST_REDIS_OPTIONS);
    clients.push(client);
    await waitUntilReady(client, 5000);
    return client;
  };
  let now = Date.now();
  const clock = () => now;
  const writer = new RedisTokenBlacklist(await connect(), clock, prefix);
  const stats = await connect();
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await stats.info('memory'))?.[1]);
  const open: ReplicatedTokenBlacklist[] = [];
  try {
    const redisBefore = await usedMemory();
    let heapBefore = heap();
    const b = replicateRedisBlacklist(await connect(), clock, prefix);
    open.push(b);
    await b.sync();
    for (let i = 0; i < COUNT; i += 1000) {
      await Promise.all(
        Array.from({ length: Math.min(1000, COUNT - i) }, (_, j) =>
          i + j < USERS
            ? writer.revokeAllForUser(randomUUID(), now, new Date(now + HOUR_MS))
            : writer.revoke(randomUUID(), new Date(now + HOUR_MS)),
        ),
      );
    }
    await b.sync(60_000);
    const byMessages = heap() - heapBefore;
    const redisGrown = (await usedMemory()) - redisBefore;

    heapBefore = heap();
    const c = replicateRedisBlacklist(await connect(), clock, prefix);
    open.push(c);
    const started = performance.now();
    await c.sync(60_000);
    const loadMs = performance.now() - started;
    const byLoad = heap() - heapBefore;
    if (b.cachedRevocations !== COUNT || c.cachedRevocations !== COUNT) {
      throw new Error(`replicas hold ${b.cachedRevocations} / ${c.cachedRevocations}`);
    }

    now += HOUR_MS;
    const beforePurge = heap();
    // What the per-minute purge timer does; called here so the bench need not wait.
    for (const replica of open) (replica as unknown as { cache: RevocationCache }).cache.sweep(now);
    const freed = beforePurge - heap();
    return [
      row('replica B, fed by channel messages while they were written', byMessages),
      row('replica C, loaded from the index at start (ZSCAN)', byLoad),
      row('Redis used_memory for them (keys + index)', redisGrown),
      '',
      `C loaded ${COUNT.toLocaleString('en-US')} revocations in ${Math.round(loadMs)} ms. ` +
        `Once expired, a purge left B ${b.cachedRevocations} and C ${c.cachedRevocations} ` +
        `entries and freed ${(freed / MB).toFixed(1)} MB of heap.`,
    ];
  } finally {
    await Promise.all(open.map((replica) => replica.onApplicationShutdown()));
    const keys: string[] = [];
    for await (const batch of stats.scanStream({ match: `${prefix}*`, count: 1000 })) {
      keys.push(...(batch as string[]));
    }
    for (let i = 0; i < keys.length; i += 1000) await stats.unlink(...keys.slice(i, i + 1000));
    clients.forEach((client) => client.disconnect());
  }
}

async function main(): Promise<void> {
  const lines = [
    `${COUNT.toLocaleString('en-US')} live revocations (${USERS.toLocaleString('en-US')} of them users), heap growth after GC:`,
    '',
    '| where | bytes per revocation | MB in all |',
    '|---|---:|---:|',
    cacheAlone(),
    ...(process.env.REDIS_URL
      ? await replicas(process.env.REDIS_URL)
      : ['(set REDIS_URL for the replica rows)']),
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
