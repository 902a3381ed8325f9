import { loadOptional, NODEMAILER } from '../common/optional-dependency';
import type { AuthConfig } from '../settings/auth-config';
import type { Mailer } from './mailer';

/**
 * The host's mailer when given; else SMTP when `SMTP_URL` is set; else the development outbox
 * (staging and production refuse to boot without SMTP while a mail feature is on).
 * Each is imported only when chosen, so a host that never mails never loads nodemailer.
 */
/** The host's own mailer, when it gives one. */
export interface MailerOptions {
  mailer?: Mailer;
}

export async function createMailer(options: MailerOptions, config: AuthConfig): Promise<Mailer> {
  if (options.mailer) return options.mailer;
  if (config.mail.smtpUrl) {
    const { SmtpMailer } = await loadOptional(NODEMAILER, () => import('./smtp-mailer'));
    return new SmtpMailer(config.mail.smtpUrl, config.mail.from);
  }
  const { OutboxMailer } = await import('./outbox-mailer');
  return new OutboxMailer();
}
