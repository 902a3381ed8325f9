import { AuthClock } from '../common/auth-clock';
import { FeatureDisabledError, InvalidOneTimeTokenError } from '../errors/auth.errors';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { MailDispatcher } from '../mail/mail-dispatcher';
import { emailVerificationMessage } from '../mail/mail-templates';
import { OneTimeTokenStore } from '../one-time-tokens/one-time-token-store';
import { AuthConfig } from '../settings/auth-config';
import { type AuthUser, UserStore } from '../user-store/user-store';
import type { LinkKind, LinkMailer } from './link-mailer';
import type { RecipientMailBudget } from './recipient-mail-budget';

const PURPOSE = 'email_verification';
const LINK: LinkKind = {
  purpose: PURPOSE,
  page: 'verify-email',
  message: emailVerificationMessage,
};

/** Sends verification links (at registration, on request) and marks the email verified. */
export class EmailVerificationService {
  constructor(
    private readonly users: UserStore,
    private readonly tokens: OneTimeTokenStore,
    private readonly links: LinkMailer,
    private readonly dispatcher: MailDispatcher,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly log: AuthDecisionLogger,
    private readonly budget: Pick<RecipientMailBudget, 'take'>,
  ) {}

  get enabled(): boolean {
    return this.config.emailVerification.enabled;
  }

  /**
   * Sends a link to a newly registered user, in the background: a mail failure never fails the
   * registration (the user can ask again). Does nothing when the feature is off.
   */
  sendAfterRegistration(user: AuthUser): void {
    if (!this.enabled) return;
    this.dispatcher.enqueue({ name: 'email_verification', run: () => this.sendLink(user) });
  }

  /**
   * Queues a new link for the account of `email` when it exists and is not verified yet; the
   * caller answers the same either way. Earlier links of the account stop working.
   * @throws FeatureDisabledError (404) when `email_verification.enabled` is false
   */
  resend(email: string): void {
    this.requireEnabled();
    let counted = false;
    this.dispatcher.enqueue({
      name: 'email_verification_resend',
      run: async () => {
        const user = await this.users.findByEmail(email);
        if (!user || user.emailVerifiedAt) return;
        // The mail a request asks for is counted; the one registration sends is not.
        // A retried job (a store failed after the count) is not counted twice.
        counted ||= await this.budget.take(user.email);
        if (!counted) {
          this.log.decision({
            event: 'verification_mail',
            outcome: 'refused',
            reason: 'recipient_budget_spent',
            userId: user.id,
          });
          return;
        }
        await this.sendLink(user);
      },
    });
  }

  /**
   * Spends the token and marks its user's email verified.
   * @throws InvalidOneTimeTokenError (400) for an unknown, expired or used token
   * @throws FeatureDisabledError (404) when `email_verification.enabled` is false
   */
  async verify(token: string): Promise<void> {
    this.requireEnabled();
    const record = await this.tokens.consume(token, PURPOSE);
    if (!record) {
      this.log.decision({ event: 'verify_email', outcome: 'refused', reason: 'invalid_token' });
      throw new InvalidOneTimeTokenError();
    }
    await this.users.markEmailVerified(record.userId, new Date(this.clock.now()));
    await this.tokens.invalidateAll(record.userId, PURPOSE);
    this.log.decision({ event: 'verify_email', outcome: 'success', userId: record.userId });
  }

  private async sendLink(user: AuthUser): Promise<void> {
    await this.links.send(user, LINK, this.config.emailVerification.ttlSeconds);
    this.log.decision({ event: 'verification_mail', outcome: 'success', userId: user.id });
  }

  private requireEnabled(): void {
    if (!this.enabled) throw new FeatureDisabledError('Email verification');
  }
}
