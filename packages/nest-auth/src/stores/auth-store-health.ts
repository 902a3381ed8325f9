import type { AuthRedisConnection } from './auth-redis-connection';

/** One dependency of the module, as a readiness check sees it. */
export interface StoreHealth {
  up: boolean;
  message?: string;
}

const PING_TIMEOUT_MS = 1000;

/**
 * Readiness of the stores the module owns beyond the host's database: Redis when `store` is
 * `redis`. The host folds it into its health endpoint.
 */
export class AuthStoreHealth {
  constructor(private readonly redis: AuthRedisConnection) {}

  /** Each store the module depends on, by name; empty when it depends on none of its own. */
  async check(): Promise<Record<string, StoreHealth>> {
    if (!this.redis.client) return {};
    const client = this.redis.client;
    try {
      await Promise.race([
        client.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS).unref(),
        ),
      ]);
      return { redis: { up: true } };
    } catch (error) {
      return {
        redis: { up: false, message: error instanceof Error ? error.message : 'unreachable' },
      };
    }
  }
}
