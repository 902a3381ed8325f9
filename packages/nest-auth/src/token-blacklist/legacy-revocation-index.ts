import type { Redis } from 'ioredis';
import { RedisScript } from '../redis/redis-script';
import { type RedisRevocationKeys, parseUserEntry } from './redis-revocation-keys';

/** Sets the index's TTL to its last member's expiry, as the write scripts do. ARGV[1] = now. */
const EXPIRE_WITH_LAST = new RedisScript(`
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local now = tonumber(ARGV[1])
if last[2] and tonumber(last[2]) > now then
  redis.call('PEXPIRE', KEYS[1], tonumber(last[2]) - now)
end
return 1`);

/**
 * Adds to the index the revocations a version without replication wrote (entry keys only, no
 * index member), so replicas load them too. Runs once per Redis dataset: a marker key records
 * that it was done, so later loads cost one EXISTS. SCAN visits the whole keyspace, incrementally
 * (the MATCH filter applies per page). ZADD GT (Redis 6.2+) never lowers an expiry a concurrent
 * write raised.
 */
export async function indexLegacyRevocations(
  redis: Redis,
  keys: RedisRevocationKeys,
  now: number,
): Promise<void> {
  if ((await redis.exists(keys.indexedMarker)) === 1) return;
  const match = `${escapeGlob(keys.prefix)}*revoked:*`;
  let latest = 0;
  for await (const batch of redis.scanStream({ match, count: 1000 })) {
    latest = Math.max(latest, await indexBatch(redis, keys, batch as string[], now));
  }
  if (latest > now) await EXPIRE_WITH_LAST.run(redis, [keys.index], [now]);
  await redis.set(keys.indexedMarker, '1');
}

/** Indexes one SCAN page; resolves with the latest expiry found (0 when none is live). */
async function indexBatch(redis: Redis, keys: RedisRevocationKeys, batch: string[], now: number) {
  const idPrefix = keys.id('');
  const userPrefix = keys.user('');
  const wanted = batch.filter((key) => key.startsWith(idPrefix) || key.startsWith(userPrefix));
  if (wanted.length === 0) return 0;
  const values = await redis.mget(wanted);
  const members: (string | number)[] = [];
  let latest = 0;
  wanted.forEach((key, i) => {
    const isId = key.startsWith(idPrefix);
    const expiresAt = isId ? Number(values[i]) : (parseUserEntry(values[i])?.expiresAt ?? 0);
    if (!(expiresAt > now)) return;
    const member = isId ? `i:${key.slice(idPrefix.length)}` : `u:${key.slice(userPrefix.length)}`;
    members.push(expiresAt, member);
    latest = Math.max(latest, expiresAt);
  });
  if (members.length > 0) await redis.zadd(keys.index, 'GT', ...members);
  return latest;
}

/** `text` with Redis glob characters escaped, for a MATCH pattern. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
