import { HttpStatus } from '@nestjs/common';
import { AuthError } from '../errors/auth.errors';

/**
 * More requests from one client to the password-reset or email-verification routes than
 * `mail.rate_limit` (routes that send mail) or `login_rate_limit` (routes that take a token) allow.
 */
export class AccountRecoveryRateLimitError extends AuthError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(override readonly retryAfter: number) {
    super(`Too many requests. Try again in ${retryAfter} s.`);
  }
}
