import { isIP } from 'node:net';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

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
