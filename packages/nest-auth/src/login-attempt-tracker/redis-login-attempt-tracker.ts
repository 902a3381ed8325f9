import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../common/clock';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
import { RedisScript } from '../redis/redis-script';
import { runRedis } from '../redis/run-redis';
import { type AttemptWindow, refusal, toReservation, toStatus } from './attempt-window';
import { type LockoutPolicy, pendingMs } from './lockout-policy';
import {
  type LoginAttemptReservation,
  type LoginAttemptStatus,
  LoginAttemptTracker,
} from './login-attempt-tracker';

const STORE_NAME = 'login attempt tracker';
const FIELDS = ['failures', 'pending', 'windowExpiresAt', 'pendingExpiresAt', 'lockedUntil'];

/*
 * Each identifier is one hash (the fields above; epoch ms from the caller's clock). The scripts
 * run atomically in Redis, so concurrent calls from any number of instances serialise, with the
 * same rules as attempt-window.ts and the SQL tracker. READ loads the hash and derives the live
 * pending count and whether the entry is spent; `save` writes it back with a TTL at the moment
 * nothing in it counts any more, so Redis forgets it. ARGV[1] is always now.
 */
const READ = `
local now = tonumber(ARGV[1])
local v = redis.call('HMGET', KEYS[1], 'failures', 'pending', 'windowExpiresAt',
  'pendingExpiresAt', 'lockedUntil')
local w = {failures = tonumber(v[1]) or 0, pending = tonumber(v[2]) or 0,
  expires = tonumber(v[3]) or 0, pendingExpires = tonumber(v[4]) or 0, locked = tonumber(v[5])}
w.live = w.pending
if w.pendingExpires <= now then w.live = 0 end
local isLocked = w.locked ~= nil and w.locked > now
local spent = not isLocked and (w.expires <= now or (w.failures == 0 and w.live == 0))
local function reply(granted)
  return {granted, w.failures, w.live, w.expires, w.pendingExpires, w.locked or false}
end
local function save()
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'failures', w.failures, 'pending', w.live,
    'windowExpiresAt', w.expires, 'pendingExpiresAt', w.pendingExpires)
  if w.locked then redis.call('HSET', KEYS[1], 'lockedUntil', w.locked) end
  -- Without failures only the pending slots count, and they lapse sooner than the window.
  local last = w.pendingExpires
  if w.failures > 0 then last = math.max(w.expires, last) end
  last = math.max(last, w.locked or 0)
  redis.call('PEXPIRE', KEYS[1], math.max(1, last - now))
end
-- A slot of a live window, taken by recordFailure and release; false when there is none.
local function takeSlot()
  if w.expires <= now or w.live == 0 then return false end
  w.live = w.live - 1
  return true
end
`;

/** ARGV: now, windowEnd, pendingEnd, maxFailedAttempts. Replies `{granted, ...window}`. */
const RESERVE = new RedisScript(`${READ}
if spent then
  w.failures, w.live, w.expires, w.locked = 0, 0, tonumber(ARGV[2]), nil
elseif isLocked or w.failures + w.live >= tonumber(ARGV[4]) then
  return reply(0)
end
w.live, w.pendingExpires = w.live + 1, tonumber(ARGV[3])
save()
return reply(1)`);

/** ARGV: now, lockEnd, maxFailedAttempts. Replies 1 when this failure started the lock. */
const FAILURE = new RedisScript(`${READ}
if not takeSlot() then return 0 end
w.failures = w.failures + 1
local starts = w.failures >= tonumber(ARGV[3]) and not isLocked
if starts then w.locked = tonumber(ARGV[2]) end
save()
if starts then return 1 end
return 0`);

/** ARGV: now. */
const RELEASE = new RedisScript(`${READ}
if takeSlot() then save() end
return 0`);

/** ARGV: now. */
const SUCCESS = new RedisScript(`${READ}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
w.failures, w.live = 0, math.max(0, w.live - 1)
save()
return 0`);

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
    const args = [now, now + this.durationMs(), now + pendingMs(this.policy), this.max()];
    const reply = await this.run(RESERVE, identifier, args);
    const [granted, ...window] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (granted === 1) return toReservation(toWindow(window), this.policy, now);
    throw refusal(toWindow(window), this.policy, now);
  }

  /** @inheritdoc */
  async recordFailure(identifier: string): Promise<boolean> {
    const now = this.clock();
    const reply = await this.run(FAILURE, identifier, [now, now + this.durationMs(), this.max()]);
    return reply === 1;
  }

  /** @inheritdoc */
  async release(identifier: string): Promise<void> {
    await this.run(RELEASE, identifier, [this.clock()]);
  }

  /** @inheritdoc */
  async recordSuccess(identifier: string): Promise<void> {
    await this.run(SUCCESS, identifier, [this.clock()]);
  }

  /** @inheritdoc */
  async clear(identifier: string): Promise<void> {
    await runRedis(STORE_NAME, () => this.redis.del(this.key(identifier)));
  }

  /** @inheritdoc */
  async status(identifier: string): Promise<LoginAttemptStatus> {
    const now = this.clock();
    const fields = await runRedis(STORE_NAME, () =>
      this.redis.hmget(this.key(identifier), ...FIELDS),
    );
    if (fields[0] === null || fields[0] === undefined) return toStatus(undefined, now);
    return toStatus(toWindow(fields), now);
  }

  private run(script: RedisScript, identifier: string, args: number[]): Promise<unknown> {
    return runRedis(STORE_NAME, () => script.run(this.redis, [this.key(identifier)], args));
  }

  private max(): number {
    return this.policy.maxFailedAttempts;
  }

  private key(identifier: string): string {
    return `${this.keyPrefix}attempts:${normalizeIdentifier(identifier)}`;
  }

  private durationMs(): number {
    return this.policy.lockoutDurationSeconds * 1000;
  }
}

/** Script reply or hash fields `[failures, pending, windowExpiresAt, pendingExpiresAt, lockedUntil]`. */
function toWindow(values: unknown[]): AttemptWindow {
  const [failures, pending, windowExpiresAt, pendingExpiresAt, lockedUntil] = values;
  const window = {
    failures: Number(failures),
    pending: Number(pending),
    windowExpiresAt: Number(windowExpiresAt),
    pendingExpiresAt: Number(pendingExpiresAt),
    lockedUntil:
      lockedUntil === null || lockedUntil === undefined || lockedUntil === false
        ? null
        : Number(lockedUntil),
  };
  // Anything else means the store misbehaves (a foreign value under our key): fail closed.
  if (![window.failures, window.pending, window.windowExpiresAt].every(Number.isFinite)) {
    const detail = new Error(`Unexpected reply ${JSON.stringify(values)}`);
    throw new AuthStoreUnavailableError(STORE_NAME, detail);
  }
  return window;
}
