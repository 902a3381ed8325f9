import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../common/clock';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
import { RedisScript } from '../redis/redis-script';
import { runRedis } from '../redis/run-redis';
import { type AttemptWindow, toReservation, toStatus } from './attempt-window';
import type { LockoutPolicy } from './lockout-policy';
import {
  type LoginAttemptReservation,
  type LoginAttemptStatus,
  LoginAttemptTracker,
} from './login-attempt-tracker';

const STORE_NAME = 'login attempt tracker';
const FIELDS = ['attempts', 'windowExpiresAt', 'lockedUntil'];

/*
 * Each identifier is one hash (attempts, windowExpiresAt, lockedUntil; epoch ms from the
 * caller's clock). The scripts run atomically in Redis, so concurrent reservations from any
 * number of instances serialise, with the same rules as the SQL tracker's upsert: while locked
 * nothing changes; once the window has run out a fresh one starts at 1. Every write sets the
 * key's TTL to when neither window nor lock says anything any more, so Redis forgets it.
 * ARGV[1] is now; the instants to store come as strings, stored unchanged.
 */
const RESERVE = new RedisScript(`
local now = tonumber(ARGV[1])
local v = redis.call('HMGET', KEYS[1], 'attempts', 'windowExpiresAt', 'lockedUntil')
local attempts, expires, locked = tonumber(v[1]), tonumber(v[2]), tonumber(v[3])
if attempts and locked and locked > now then
  return {attempts, expires, locked}
end
if attempts and expires > now then
  attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
else
  attempts, expires, locked = 1, tonumber(ARGV[2]), nil
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'attempts', 1, 'windowExpiresAt', ARGV[2])
end
redis.call('PEXPIRE', KEYS[1], math.max(1, math.max(expires, locked or 0) - now))
return {attempts, expires, locked or false}`);

/** Locks only from a live window whose attempts are spent and that is not locked already. */
const LOCK = new RedisScript(`
local now = tonumber(ARGV[1])
local v = redis.call('HMGET', KEYS[1], 'attempts', 'windowExpiresAt', 'lockedUntil')
local attempts, expires, locked = tonumber(v[1]), tonumber(v[2]), tonumber(v[3])
if not attempts or expires <= now or attempts < tonumber(ARGV[3])
  or (locked and locked > now) then
  return 0
end
redis.call('HSET', KEYS[1], 'lockedUntil', ARGV[2])
redis.call('PEXPIRE', KEYS[1], math.max(1, math.max(expires, tonumber(ARGV[2])) - now))
return 1`);

/**
 * Tracker on Redis: counts and locks hold across every instance sharing the Redis, one round
 * trip per operation, and entries expire by themselves (Redis TTLs), so no purge timer is needed.
 * Uses the given client and never closes it. Keys: `<keyPrefix>attempts:<identifier>`.
 */
export class RedisLoginAttemptTracker extends LoginAttemptTracker {
  constructor(
    private readonly redis: Redis,
    private readonly policy: LockoutPolicy,
    private readonly clock: Clock = systemClock,
    private readonly keyPrefix = 'lex:auth:',
  ) {
    super();
  }

  /** @inheritdoc */
  async check(identifier: string): Promise<LoginAttemptReservation> {
    const now = this.clock();
    const reply = await runRedis(STORE_NAME, () =>
      RESERVE.run(this.redis, [this.key(identifier)], [now, now + this.durationMs()]),
    );
    return toReservation(toWindow(reply), this.policy, now);
  }

  /** @inheritdoc */
  async recordFailure(identifier: string): Promise<boolean> {
    const now = this.clock();
    const args = [now, now + this.durationMs(), this.policy.maxFailedAttempts];
    const reply = await runRedis(STORE_NAME, () =>
      LOCK.run(this.redis, [this.key(identifier)], args),
    );
    return reply === 1;
  }

  /** @inheritdoc */
  async recordSuccess(identifier: string): Promise<void> {
    await runRedis(STORE_NAME, () => this.redis.del(this.key(identifier)));
  }

  /** @inheritdoc */
  async clear(identifier: string): Promise<void> {
    await runRedis(STORE_NAME, () => this.redis.del(this.key(identifier)));
  }

  /** @inheritdoc */
  async status(identifier: string): Promise<LoginAttemptStatus> {
    const now = this.clock();
    const [attempts, windowExpiresAt, lockedUntil] = await runRedis(STORE_NAME, () =>
      this.redis.hmget(this.key(identifier), ...FIELDS),
    );
    if (attempts === null || attempts === undefined) return toStatus(undefined, now);
    return toStatus(toWindow([attempts, windowExpiresAt, lockedUntil]), now);
  }

  private key(identifier: string): string {
    return `${this.keyPrefix}attempts:${normalizeIdentifier(identifier)}`;
  }

  private durationMs(): number {
    return this.policy.lockoutDurationSeconds * 1000;
  }
}

/** A script reply or hash fields `[attempts, windowExpiresAt, lockedUntil | null]` as a window. */
function toWindow(reply: unknown): AttemptWindow {
  const [attempts, windowExpiresAt, lockedUntil] = (Array.isArray(reply) ? reply : []) as unknown[];
  const window = {
    attempts: Number(attempts),
    windowExpiresAt: Number(windowExpiresAt),
    lockedUntil: lockedUntil === null || lockedUntil === undefined ? null : Number(lockedUntil),
  };
  // Anything else means the store misbehaves (a foreign value under our key): fail closed.
  if (!Number.isFinite(window.attempts) || !Number.isFinite(window.windowExpiresAt)) {
    throw new AuthStoreUnavailableError(STORE_NAME, new Error(`Unexpected reply ${String(reply)}`));
  }
  return window;
}
