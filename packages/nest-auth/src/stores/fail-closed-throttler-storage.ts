import type { ThrottlerStorage } from '@nestjs/throttler';
import { storeOutages } from '../errors/store-outages';

// One storage holds the login limit and the account-recovery limits alike.
const STORE_NAME = 'rate limiter';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Wraps a shared throttler storage: keys go under the module's namespace, and a storage that
 * does not answer refuses the login with 503 instead of failing open or answering 500.
 */
export class FailClosedThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly inner: ThrottlerStorage,
    private readonly keyPrefix: string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    return storeOutages.run(STORE_NAME, () =>
      this.inner.increment(this.keyPrefix + key, ttl, limit, blockDuration, throttlerName),
    );
  }
}
