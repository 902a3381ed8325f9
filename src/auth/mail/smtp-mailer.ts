import type { OnApplicationShutdown } from '@nestjs/common';
import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { Mailer, type MailMessage } from './mailer';

// Bounded so a stalled server ties up a background slot for seconds, never for ever.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Loopback relays (a local MTA, a test server) need no TLS; anything else must upgrade. */
function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/**
 * The transport options for `SMTP_URL`: STARTTLS required off loopback. The mailer and the
 * doctor's SMTP check (which only shortens the timeouts) connect the same way.
 */
export function smtpTransportOptions(
  smtpUrl: string,
  timeouts: Pick<
    SMTPTransport.Options,
    'connectionTimeout' | 'greetingTimeout' | 'socketTimeout'
  > = TIMEOUTS,
): SMTPTransport.Options & { url: string } {
  const { hostname } = new URL(smtpUrl);
  return { url: smtpUrl, requireTLS: !isLoopback(hostname), ...timeouts };
}

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
