import type { ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { normalizeIdentifier } from '../common/normalize-identifier';
import type { RateLimit } from '../settings/auth-settings';

const THROTTLER_NAME = 'mail_recipient';

/**
 * How many requested messages (reset links, verification resends) one address may receive per
 * window: the per-IP limit alone lets many clients flood one inbox. Counted in the rate limiter's
 * storage (Redis under `store: 'redis'`, so shared by every instance and failing closed), under a
 * SHA-256 of the address so no key carries it.
 */
export class RecipientMailBudget {
  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly limit: RateLimit,
  ) {}

  /**
   * Spends one message of `email`'s budget; false when it is spent (send nothing). Rejects when
   * the storage is unavailable, which fails the job: no message goes out uncounted.
   */
  async take(email: string): Promise<boolean> {
    const key = createHash('sha256')
      .update(`lex-auth-${THROTTLER_NAME}-${normalizeIdentifier(email)}`)
      .digest('hex');
    const ttlMs = this.limit.ttlSeconds * 1000;
    const record = await this.storage.increment(
      key,
      ttlMs,
      this.limit.limit,
      ttlMs,
      THROTTLER_NAME,
    );
    return !record.isBlocked && record.totalHits <= this.limit.limit;
  }
}
