import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../common/clock';
import { RedisRevocationFeed } from './redis-revocation-feed';
import { RedisRevocationKeys } from './redis-revocation-keys';
import { RedisTokenBlacklist } from './redis-token-blacklist';
import { ReplicatedTokenBlacklist } from './replicated-token-blacklist';
import { DEFAULT_REPLICATION_TIMINGS, type ReplicationTimings } from './revocation-replicator';

/**
 * What `store=redis` runs: RedisTokenBlacklist (whose scripts index and PUBLISH every write)
 * replicated into this instance's memory over a subscriber connection of its own. Uses the given
 * client and never closes it; the subscriber is closed on shutdown.
 */
export function replicateRedisBlacklist(
  redis: Redis,
  clock: Clock = systemClock,
  keyPrefix = 'lex:auth:',
  timings: Partial<ReplicationTimings> = {},
): ReplicatedTokenBlacklist {
  const all = { ...DEFAULT_REPLICATION_TIMINGS, ...timings };
  const store = new RedisTokenBlacklist(redis, clock, keyPrefix);
  const feed = new RedisRevocationFeed(
    redis,
    new RedisRevocationKeys(keyPrefix),
    clock,
    all.scanCount,
  );
  return new ReplicatedTokenBlacklist(store, feed, clock, all);
}
