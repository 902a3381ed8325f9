import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { LoginRateLimitError } from '../errors/auth.errors';
import { AuthMetrics } from '../metrics/auth-metrics';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * `@nestjs/throttler` on the login route, keyed by client IP, answering 429 with `Retry-After`.
 * It runs before the credential check (nestjs/throttler#522), so a flood costs no hashing.
 * Behind a proxy, the host must set Express `trust proxy` for `req.ip` to be the client's.
 */
@Injectable()
export class LoginThrottlerGuard extends RateLimitGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: AuthMetrics,
  ) {
    super(options, storage, reflector);
  }

  protected override rateLimitError(retryAfter: number): Error {
    this.metrics.logins.inc({ outcome: 'rate_limited' });
    return new LoginRateLimitError(retryAfter);
  }
}
