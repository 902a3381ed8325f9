import { type AuthLifecycleHook, HOOK_ORDER } from '../login/auth-lifecycle-hook';
import type { AuthUser } from '../user-store/user-store';
import type { EmailVerificationService } from './email-verification.service';

/** Sends a new account its verification link (when `email_verification.enabled`). */
export class EmailVerificationHook implements AuthLifecycleHook {
  readonly order = HOOK_ORDER.verifiedEmail;

  constructor(private readonly verification: EmailVerificationService) {}

  /** In the background: a mail failure is logged and never fails the registration. */
  registered(user: AuthUser): void {
    this.verification.sendAfterRegistration(user);
  }
}
