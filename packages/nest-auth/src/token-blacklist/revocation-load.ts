import type { Redis } from 'ioredis';
import type { Clock } from '../common/clock';
import { indexLegacyRevocations } from './legacy-revocation-index';
import { type RedisRevocationKeys, parseUserEntry } from './redis-revocation-keys';
import type { RevocationCache } from './revocation-cache';

export interface LoadOptions {
  /** Index members read per ZSCAN call. */
  scanCount: number;
  /** Checked between pages: the load stops early once its result is no longer wanted. */
  wanted: () => boolean;
}

/**
 * Copies every live revocation in Redis into `cache`: reads the index page by page (ZSCAN returns
 * every member present throughout the scan; members added meanwhile come through the channel),
 * after indexing what a version without replication may have left unindexed. Bounded work per
 * round trip, so Redis is never blocked by a large set. Resolves with the entries applied.
 */
export async function loadLiveRevocations(
  redis: Redis,
  keys: RedisRevocationKeys,
  cache: RevocationCache,
  clock: Clock,
  { scanCount, wanted }: LoadOptions,
): Promise<number> {
  await indexLegacyRevocations(redis, keys, clock());
  let cursor = '0';
  let loaded = 0;
  do {
    const [next, flat] = await redis.zscan(keys.index, cursor, 'COUNT', scanCount);
    if (!wanted()) return loaded;
    cursor = next;
    loaded += await applyPage(redis, keys, cache, flat, clock());
  } while (cursor !== '0');
  return loaded;
}

/** Applies one ZSCAN page (`member, score, …`); user entries are read with one MGET. */
async function applyPage(
  redis: Redis,
  keys: RedisRevocationKeys,
  cache: RevocationCache,
  flat: string[],
  now: number,
): Promise<number> {
  const users: string[] = [];
  let applied = 0;
  for (let i = 0; i < flat.length; i += 2) {
    const member = flat[i];
    const expiresAt = Number(flat[i + 1]);
    if (expiresAt <= now) continue;
    if (member.startsWith('i:')) {
      cache.revokeId(member.slice(2), expiresAt, now);
      applied += 1;
    } else if (member.startsWith('u:')) users.push(member.slice(2));
  }
  if (users.length === 0) return applied;
  const values = await redis.mget(users.map((userId) => keys.user(userId)));
  users.forEach((userId, i) => {
    const entry = parseUserEntry(values[i]);
    if (entry) cache.revokeUser(userId, entry.revokedBefore, entry.expiresAt, now);
  });
  return applied + users.length;
}
