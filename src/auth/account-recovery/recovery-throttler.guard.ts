import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getStorageToken,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
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
abstract class RecoveryThrottlerGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      // The shared storage names the login limiter; this one is the recovery routes' limiter.
      if (!(error instanceof AuthStoreUnavailableError)) throw error;
      throw new AuthStoreUnavailableError('rate limiter', error.cause);
    }
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return createHash('sha256').update(`lex-auth-recovery-${name}-${tracker}`).digest('hex');
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new AccountRecoveryRateLimitError(Math.max(1, Math.ceil(detail.timeToBlockExpire)));
  }
}

/** Forgot-password and resend-verification: `mail.rate_limit` per client IP. */
@Injectable()
export class MailThrottlerGuard extends RecoveryThrottlerGuard {
  constructor(
    @Inject(MAIL_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}

/**
 * Reset-password and verify-email: `login_rate_limit` per client IP. A 256-bit token cannot be
 * guessed at any rate; the limit keeps a flood of resets from buying password hashes.
 */
@Injectable()
export class LinkThrottlerGuard extends RecoveryThrottlerGuard {
  constructor(
    @Inject(LINK_THROTTLER_OPTIONS) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }
}
