import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../common/clock';
import { RedisScript } from '../redis/redis-script';
import { runRedis } from '../redis/run-redis';
import { parseUserEntry, RedisRevocationKeys } from './redis-revocation-keys';
import { type RevocationQuery, TokenBlacklist } from './token-blacklist';

const STORE_NAME = 'token blacklist';

/*
 * Key layout: see RedisRevocationKeys. A revoked id's value is its expiry; a user's is
 * "<revokedBefore>:<expiresAt>" (epoch ms from the caller's clock). An entry whose expiry has
 * passed reads as absent, even before Redis has dropped it (its TTL is set relative to the same
 * clock). Each script also keeps the index of live revocations (trimmed of expired members,
 * with a TTL until its last member lapses) and publishes what it wrote, so replicas
 * (ReplicatedTokenBlacklist) learn of it.
 * KEYS[1] = the entry, KEYS[2] = the index; ARGV[1] = now.
 */

/** Test-and-set: 1 when this call revoked the id, 0 when it already was. ARGV: now, expiresAt, id, channel. */
const REVOKE = new RedisScript(`
local now = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]))
if current and current > now then
  return 0
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local ttl = tonumber(ARGV[2]) - now
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
  redis.call('ZADD', KEYS[2], ARGV[2], 'i:' .. ARGV[3])
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[2], tonumber(last[2]) - now)
  redis.call('PUBLISH', ARGV[4], 'i:' .. ARGV[2] .. ':' .. ARGV[3])
else
  redis.call('DEL', KEYS[1])
end
return 1`);

/**
 * Keeps the later instant and the later expiry; an expired entry is replaced outright.
 * ARGV: now, revokedBefore, expiresAt, userId, channel.
 */
const REVOKE_ALL = new RedisScript(`
local now = tonumber(ARGV[1])
local before, expires = ARGV[2], ARGV[3]
local current = redis.call('GET', KEYS[1])
if current then
  local b, e = string.match(current, '^(%-?%d+):(%-?%d+)$')
  if e and tonumber(e) > now then
    if tonumber(b) > tonumber(before) then before = b end
    if tonumber(e) > tonumber(expires) then expires = e end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local ttl = tonumber(expires) - now
if ttl > 0 then
  redis.call('SET', KEYS[1], before .. ':' .. expires, 'PX', ttl)
  redis.call('ZADD', KEYS[2], expires, 'u:' .. ARGV[4])
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[2], tonumber(last[2]) - now)
  redis.call('PUBLISH', ARGV[5], 'u:' .. before .. ':' .. expires .. ':' .. ARGV[4])
else
  redis.call('DEL', KEYS[1])
end
return 1`);

/**
 * Blacklist on Redis: revocations hold across instances, survive an app restart (as long as
 * Redis keeps its data) and expire with their tokens through Redis TTLs, so no purge timer is
 * needed. `isRevoked` is one MGET. Uses the given client and never closes it. Keys: see
 * RedisRevocationKeys.
 */
export class RedisTokenBlacklist extends TokenBlacklist {
  private readonly keys: RedisRevocationKeys;

  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock = systemClock,
    keyPrefix = 'lex:auth:',
  ) {
    super();
    this.keys = new RedisRevocationKeys(keyPrefix);
  }

  /** @inheritdoc */
  async revoke(id: string, expiresAt: Date): Promise<boolean> {
    const args = [this.clock(), expiresAt.getTime(), id, this.keys.channel];
    const keys = [this.keys.id(id), this.keys.index];
    const reply = await runRedis(STORE_NAME, () => REVOKE.run(this.redis, keys, args));
    return reply === 1;
  }

  /** @inheritdoc */
  async revokeAllForUser(userId: string, beforeMs: number, expiresAt: Date): Promise<void> {
    // Whole milliseconds, as the SQL store: rounding up revokes a fraction of a ms more, never less.
    const args = [
      this.clock(),
      Math.ceil(beforeMs),
      expiresAt.getTime(),
      userId,
      this.keys.channel,
    ];
    const keys = [this.keys.user(userId), this.keys.index];
    await runRedis(STORE_NAME, () => REVOKE_ALL.run(this.redis, keys, args));
  }

  /** @inheritdoc */
  async isRevoked({ ids, userId, issuedAtMs }: RevocationQuery): Promise<boolean> {
    const now = this.clock();
    const keys = [...ids.map((id) => this.keys.id(id)), this.keys.user(userId)];
    const values = await runRedis(STORE_NAME, () => this.redis.mget(keys));
    const user = values.pop();
    const idRevoked = values.some((expiresAt) => expiresAt !== null && Number(expiresAt) > now);
    return idRevoked || revokesUserToken(user, Math.floor(issuedAtMs), now);
  }
}

/** Whether a user's entry `"<revokedBefore>:<expiresAt>"` revokes a token issued at `issuedAtMs`. */
function revokesUserToken(value: string | null | undefined, issuedAtMs: number, now: number) {
  const entry = parseUserEntry(value);
  return entry !== null && entry.expiresAt > now && issuedAtMs <= entry.revokedBefore;
}
