import type { OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { IOREDIS, loadOptional } from '../common/optional-dependency';
import type { AuthConfig } from '../settings/auth-config';
import { AuthConfigurationError } from '../settings/auth-configuration.error';

const BOOT_CONNECT_WAIT_MS = 2000;

/**
 * The one Redis client the tracker, blacklist and rate limiter share under `store: 'redis'`.
 * A client the module created is closed at shutdown; one the host supplied is left to the host.
 */
export class AuthRedisConnection implements OnApplicationShutdown {
  private constructor(
    readonly client: Redis | null,
    private readonly owned: boolean,
  ) {}

  static async create(
    options: { redis?: Redis },
    config: AuthConfig,
  ): Promise<AuthRedisConnection> {
    if (config.store !== 'redis') return new AuthRedisConnection(null, false);
    if (options.redis) return new AuthRedisConnection(options.redis, false);
    if (!config.redisUrl) {
      throw new AuthConfigurationError([
        {
          variable: 'REDIS_URL',
          message: 'is required when LEX_AUTH__STORE=redis (e.g. redis://127.0.0.1:6379).',
        },
      ]);
    }
    // Loaded only here, so hosts on the memory or database store never load ioredis.
    const { createRedisClient, waitUntilReady } = await loadOptional(
      IOREDIS,
      () => import('../redis/create-redis-client'),
    );
    const client = createRedisClient(config.redisUrl);
    // Give the first connection a moment, so requests right after boot find it ready. A Redis that
    // is down does not stop the boot: requests get 503 and /health/ready says so until it is back.
    await waitUntilReady(client, BOOT_CONNECT_WAIT_MS).catch(() => undefined);
    return new AuthRedisConnection(client, true);
  }

  /** The client; only called by the Redis-backed stores. */
  requireClient(): Redis {
    if (!this.client) throw new Error('AuthRedisConnection: store is not redis');
    return this.client;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.owned || !this.client) return;
    await this.client.quit().catch(() => this.client?.disconnect());
  }
}
