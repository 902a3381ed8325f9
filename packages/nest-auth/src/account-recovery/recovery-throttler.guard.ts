import { type ExecutionContext, Inject, Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getStorageToken,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { RateLimitGuard } from '../guards/rate-limit.guard';
import { AccountRecoveryRateLimitError } from './account-recovery.errors';

/** Options of the limit on routes that send mail (`mail.rate_limit`). */
export const MAIL_THROTTLER_OPTIONS = Symbol('lexAuth:mailThrottlerOptions');
/** Options of the limit on routes that spend a one-time token (`login_rate_limit`). */
export const LINK_THROTTLER_OPTIONS = Symbol('lexAuth:linkThrottlerOptions');

/**
 * `@nestjs/throttler` keyed by client IP and by throttler name, not by route: every route behind
 * one guard shares one budget per client (forgot-password and resend draw on the same mail
 * limit). Counters live where the login limiter's do (Redis under `store: 'redis'`, failing
 * closed with 503), under keys of their own. Behind a proxy the host must set `trust proxy`.
 */
abstract class RecoveryThrottlerGuard extends RateLimitGuard {
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return createHash('sha256').update(`lex-auth-recovery-${name}-${tracker}`).digest('hex');
  }

  protected override rateLimitError(retryAfter: number): Error {
    return new AccountRecoveryRateLimitError(retryAfter);
  }
}

/** The recovery guard whose budget is the one provided under `optionsToken`. */
function recoveryThrottlerWith(optionsToken: symbol): Type<RecoveryThrottlerGuard> {
  @Injectable()
  class WithOptions extends RecoveryThrottlerGuard {
    constructor(
      @Inject(optionsToken) options: ThrottlerModuleOptions,
      @Inject(getStorageToken()) storage: ThrottlerStorage,
      reflector: Reflector,
    ) {
      super(options, storage, reflector);
    }
  }
  return WithOptions;
}

/** Forgot-password and resend-verification: `mail.rate_limit` per client IP. */
@Injectable()
export class MailThrottlerGuard extends recoveryThrottlerWith(MAIL_THROTTLER_OPTIONS) {}

/**
 * Reset-password and verify-email: `login_rate_limit` per client IP. A 256-bit token cannot be
 * guessed at any rate; the limit keeps a flood of resets from buying password hashes.
 */
@Injectable()
export class LinkThrottlerGuard extends recoveryThrottlerWith(LINK_THROTTLER_OPTIONS) {}
