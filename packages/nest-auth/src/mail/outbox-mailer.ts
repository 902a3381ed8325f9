import { Logger } from '@nestjs/common';
import { Mailer, type MailMessage } from './mailer';

/** Messages the outbox keeps for inspection; older ones are dropped. */
const KEPT = 50;

/**
 * The development outbox: instead of sending, logs the recipient, subject and link, so a
 * developer can follow the link without a mail server, and keeps the last few messages in
 * `sent`. The link is a credential, which is why staging and production refuse to boot with
 * the outbox (they need `SMTP_URL`).
 */
export class OutboxMailer extends Mailer {
  private readonly logger = new Logger('AuthMailOutbox');
  private readonly kept: MailMessage[] = [];

  /** The most recent messages, oldest first. */
  get sent(): readonly MailMessage[] {
    return this.kept;
  }

  /** @inheritdoc */
  send(message: MailMessage): Promise<void> {
    this.kept.push(message);
    if (this.kept.length > KEPT) this.kept.shift();
    this.logger.log(
      { to: message.to, subject: message.subject, link: message.link },
      `Development outbox (no SMTP_URL): "${message.subject}" for ${message.to}: ${message.link}`,
    );
    return Promise.resolve();
  }
}
