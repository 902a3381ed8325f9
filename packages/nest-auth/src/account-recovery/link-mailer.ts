import { actionLink } from '../mail/mail-templates';
import type { Mailer, MailMessage } from '../mail/mailer';
import type {
  OneTimeTokenPurpose,
  OneTimeTokenStore,
} from '../one-time-tokens/one-time-token-store';
import type { AuthConfig } from '../settings/auth-config';
import type { AuthUser } from '../user-store/user-store';

/** What tells a password-reset link from an email-verification one. */
export interface LinkKind {
  purpose: OneTimeTokenPurpose;
  /** The page under `mail.link_base_url` the link opens. */
  page: string;
  message(to: string, link: string, ttlSeconds: number): MailMessage;
}

/**
 * Mails a user a fresh single-use link. Earlier links of the same purpose are spent first, so
 * only the newest one in the mailbox works.
 */
export class LinkMailer {
  constructor(
    private readonly tokens: OneTimeTokenStore,
    private readonly mailer: Mailer,
    private readonly config: AuthConfig,
  ) {}

  async send(user: AuthUser, kind: LinkKind, ttlSeconds: number): Promise<void> {
    await this.tokens.invalidateAll(user.id, kind.purpose);
    const token = await this.tokens.issue(user.id, kind.purpose, ttlSeconds);
    const link = actionLink(this.config.mail.linkBaseUrl, kind.page, token);
    await this.mailer.send(kind.message(user.email, link, ttlSeconds));
  }
}
