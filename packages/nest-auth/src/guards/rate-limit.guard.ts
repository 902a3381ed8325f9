import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * `@nestjs/throttler` answering a spent budget with one of the module's own 429 errors, which
 * AuthExceptionFilter turns into a JSON body with `Retry-After`, instead of ThrottlerException.
 */
export abstract class RateLimitGuard extends ThrottlerGuard {
  /** The error to throw; `retryAfter` is in whole seconds, at least 1. */
  protected abstract rateLimitError(retryAfter: number): Error;

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw this.rateLimitError(Math.max(1, Math.ceil(detail.timeToBlockExpire)));
  }
}
