import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script, which Redis runs atomically. Sent by its SHA1 (EVALSHA), so a call is one small
 * round trip; sent whole (EVAL) once when Redis does not know it yet (first use, or after a
 * restart or SCRIPT FLUSH). Runs on any client, which it leaves untouched.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Runs the script with `keys` as KEYS and `args` as ARGV; resolves with its reply. */
  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
