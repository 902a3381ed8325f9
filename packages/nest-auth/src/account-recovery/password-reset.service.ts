import type { AuthService } from '../login/auth.service';
import { AuthClock } from '../common/auth-clock';
import { FeatureDisabledError, InvalidOneTimeTokenError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { PasswordChangedEvent, TokenRevokedEvent } from '../events/auth-events';
import { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { MailDispatcher } from '../mail/mail-dispatcher';
import { passwordResetMessage } from '../mail/mail-templates';
import { AuthMetrics } from '../metrics/auth-metrics';
import { OneTimeTokenStore } from '../one-time-tokens/one-time-token-store';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordPolicy } from '../passwords/password-policy';
import { AuthConfig } from '../settings/auth-config';
import { UserStore } from '../user-store/user-store';
import type { LinkKind, LinkMailer } from './link-mailer';
import type { RecipientMailBudget } from './recipient-mail-budget';

const PURPOSE = 'password_reset';
const LINK: LinkKind = { purpose: PURPOSE, page: 'reset-password', message: passwordResetMessage };

/** Forgot-password links and the reset they allow. */
export class PasswordResetService {
  constructor(
    private readonly users: UserStore,
    private readonly tokens: OneTimeTokenStore,
    private readonly links: LinkMailer,
    private readonly dispatcher: MailDispatcher,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    private readonly auth: Pick<AuthService, 'endAllSessions'>,
    private readonly tracker: LoginAttemptTracker,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly metrics: AuthMetrics,
    private readonly events: AuthEventPublisher,
    private readonly log: AuthDecisionLogger,
    private readonly budget: Pick<RecipientMailBudget, 'take'>,
  ) {}

  /**
   * Queues a reset link for the account of `email`, if there is one; the caller answers the same
   * either way, and no work that depends on the account happens before it answers. Only the
   * newest link works: earlier ones of the account are spent.
   * @throws FeatureDisabledError (404) when `password_reset.enabled` is false
   */
  requestReset(email: string): void {
    this.requireEnabled();
    let counted = false;
    this.dispatcher.enqueue({
      name: 'password_reset',
      run: async () => {
        const user = await this.users.findByEmail(email);
        if (!user) {
          this.log.decision({
            event: 'forgot_password',
            outcome: 'refused',
            reason: 'unknown_user',
          });
          return;
        }
        // After the lookup, so only messages that would go out are counted.
        // A retried job (a store failed after the count) is not counted twice.
        counted ||= await this.budget.take(user.email);
        if (!counted) {
          this.log.decision({
            event: 'forgot_password',
            outcome: 'refused',
            reason: 'recipient_budget_spent',
            userId: user.id,
          });
          return;
        }
        await this.links.send(user, LINK, this.config.passwordReset.ttlSeconds);
        this.log.decision({ event: 'forgot_password', outcome: 'success', userId: user.id });
      },
    });
  }

  /**
   * Sets a new password with a reset token: the policy first (a refused password leaves the
   * token usable), then the token is spent atomically, every session of the user revoked and
   * the login lockout cleared.
   * @throws PasswordPolicyError (422), InvalidOneTimeTokenError (400), FeatureDisabledError (404)
   */
  async reset(token: string, newPassword: string): Promise<void> {
    this.requireEnabled();
    const peeked = await this.tokens.peek(token, PURPOSE);
    const user = peeked && (await this.users.findById(peeked.userId));
    if (!user) return this.refuse('invalid_token');
    this.policy.validate(newPassword, { email: user.email });
    // The race is decided here: of concurrent resets with one token, only one gets the record.
    if (!(await this.tokens.consume(token, PURPOSE))) return this.refuse('token_spent');
    await this.users.updatePasswordHash(user.id, await this.hasher.hash(newPassword));
    await this.tokens.invalidateAll(user.id, PURPOSE);
    await this.auth.endAllSessions(user.id);
    // Only the password's lockout: the link proves the mailbox, not the second factor, so the
    // count of wrong MFA codes (`mfa:<id>`) stands.
    await this.tracker.clear(user.email);
    // The link reached the mailbox, which is what verification proves.
    if (!user.emailVerifiedAt)
      await this.users.markEmailVerified(user.id, new Date(this.clock.now()));
    this.metrics.revocations.inc({ cause: 'password_reset' });
    this.events.publish(new PasswordChangedEvent(user.id));
    this.events.publish(new TokenRevokedEvent(user.id, 'password_reset', null));
    this.log.decision({ event: 'reset_password', outcome: 'success', userId: user.id });
  }

  private refuse(reason: string): never {
    this.log.decision({ event: 'reset_password', outcome: 'refused', reason });
    throw new InvalidOneTimeTokenError();
  }

  private requireEnabled(): void {
    if (!this.config.passwordReset.enabled) throw new FeatureDisabledError('Password reset');
  }
}
