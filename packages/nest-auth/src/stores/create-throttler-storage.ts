import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { loadOptional, THROTTLER_REDIS } from '../common/optional-dependency';
import type { AuthRedisConnection } from './auth-redis-connection';
import { FailClosedThrottlerStorage } from './fail-closed-throttler-storage';

/**
 * The login rate limiter's counters: in Redis under `store: 'redis'`, so the limit holds across
 * instances; otherwise in this process's memory (per instance).
 */
export async function createThrottlerStorage(
  redis: AuthRedisConnection,
): Promise<ThrottlerStorage> {
  if (!redis.client) return new ThrottlerStorageService();
  const { ThrottlerStorageRedisService } = await loadOptional(
    THROTTLER_REDIS,
    () => import('@nest-lab/throttler-storage-redis'),
  );
  return new FailClosedThrottlerStorage(
    new ThrottlerStorageRedisService(redis.client),
    'lex:auth:throttle:',
  );
}
