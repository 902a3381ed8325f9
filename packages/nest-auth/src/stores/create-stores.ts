import type { Clock } from '../common/clock';
import type { AuthConfig } from '../settings/auth-config';
import { type DataSourceOption, requireDataSource } from '../sql/require-data-source';
import type { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import type { TokenBlacklist } from '../token-blacklist/token-blacklist';
import type { AuthRedisConnection } from './auth-redis-connection';

// Each backend is imported only when chosen, so a memory-only host never loads TypeORM or ioredis.

/** The tracker for `config.store`, unless the host supplied one. */
export async function createLoginAttemptTracker(
  options: DataSourceOption & { loginAttemptTracker?: LoginAttemptTracker },
  config: AuthConfig,
  clock: Clock,
  redis: AuthRedisConnection,
): Promise<LoginAttemptTracker> {
  if (options.loginAttemptTracker) return options.loginAttemptTracker;
  const policy = {
    maxFailedAttempts: config.maxFailedAttempts,
    lockoutDurationSeconds: config.lockoutDurationSeconds,
  };
  switch (config.store) {
    case 'memory': {
      const { MemoryLoginAttemptTracker } =
        await import('../login-attempt-tracker/memory-login-attempt-tracker');
      return new MemoryLoginAttemptTracker(policy, clock);
    }
    case 'database': {
      const { TypeOrmLoginAttemptTracker } =
        await import('../login-attempt-tracker/typeorm-login-attempt-tracker');
      return new TypeOrmLoginAttemptTracker(requireDataSource(options), policy, clock);
    }
    case 'redis': {
      const { RedisLoginAttemptTracker } =
        await import('../login-attempt-tracker/redis-login-attempt-tracker');
      return new RedisLoginAttemptTracker(redis.requireClient(), policy, clock);
    }
  }
}

/** The blacklist for `config.store`, unless the host supplied one. */
export async function createTokenBlacklist(
  options: DataSourceOption & { tokenBlacklist?: TokenBlacklist },
  config: AuthConfig,
  clock: Clock,
  redis: AuthRedisConnection,
): Promise<TokenBlacklist> {
  if (options.tokenBlacklist) return options.tokenBlacklist;
  switch (config.store) {
    case 'memory': {
      const { MemoryTokenBlacklist } = await import('../token-blacklist/memory-token-blacklist');
      return new MemoryTokenBlacklist(clock);
    }
    case 'database': {
      // As with redis: checks answered from a replica in memory, no query per request.
      const { replicateTypeOrmBlacklist } =
        await import('../token-blacklist/typeorm-replicated-token-blacklist');
      return replicateTypeOrmBlacklist(requireDataSource(options), clock);
    }
    case 'redis': {
      // Revocations replicated into each instance's memory: no Redis round trip per request.
      const { replicateRedisBlacklist } =
        await import('../token-blacklist/redis-replicated-token-blacklist');
      return replicateRedisBlacklist(redis.requireClient(), clock);
    }
  }
}
