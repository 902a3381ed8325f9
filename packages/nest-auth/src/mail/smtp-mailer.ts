import type { OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { Mailer, type MailMessage } from './mailer';
import { smtpTransportOptions } from './smtp-transport-options';

/**
 * Delivers over SMTP with nodemailer from `SMTP_URL` (`smtp://user:pass@host:587` upgrades with
 * STARTTLS, `smtps://…:465` is TLS from the start). A non-loopback `smtp://` server must offer
 * STARTTLS, so the password and the links never cross the network in clear; a relay without
 * TLS can opt out with `?requireTLS=false` in the URL.
 */
export class SmtpMailer extends Mailer implements OnApplicationShutdown {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(smtpUrl: string, from: string) {
    super();
    this.transport = createTransport(smtpTransportOptions(smtpUrl), { from });
  }

  /** @inheritdoc */
  async send({ to, subject, text, html }: MailMessage): Promise<void> {
    await this.transport.sendMail({ to, subject, text, html });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
