import { EmailNotVerifiedError } from '../errors/auth.errors';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthConfig } from '../settings/auth-config';
import type { AuthUser } from '../user-store/user-store';
import { type AuthLifecycleHook, HOOK_ORDER } from './auth-lifecycle-hook';

/**
 * Refuses a login of an unverified account while `require_verified_email` is on. Part of the core,
 * not of account recovery: the refusal holds even where the verification routes are left out.
 */
export class VerifiedEmailHook implements AuthLifecycleHook {
  readonly order = HOOK_ORDER.verifiedEmail;

  constructor(
    private readonly config: AuthConfig,
    private readonly log: AuthDecisionLogger,
  ) {}

  /** @throws EmailNotVerifiedError (403) */
  beforeSession(user: AuthUser): Promise<void> {
    if (!this.config.requireVerifiedEmail || user.emailVerifiedAt) return Promise.resolve();
    this.log.decision({
      event: 'login',
      outcome: 'refused',
      reason: 'email_not_verified',
      userId: user.id,
    });
    return Promise.reject(new EmailNotVerifiedError());
  }
}
