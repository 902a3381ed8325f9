import { smtpTransportOptions as mailerTransportOptions } from '../../mail/smtp-transport-options';
import { type DoctorConfigInput, type DoctorFinding, ok, problemsOf } from './doctor-check';

const CHECK = 'smtp';
/** Short: the doctor answers in seconds, where the mailer waits longer for a slow server. */
export const SMTP_CHECK_TIMEOUT_MS = 3000;

/** `SmtpMailer`'s options with the doctor's short timeouts. */
export function smtpTransportOptions(smtpUrl: string, timeoutMs = SMTP_CHECK_TIMEOUT_MS) {
  return mailerTransportOptions(smtpUrl, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

/** `smtp://user@host:587`: what the report may show of the URL (never the password). */
function describeServer(url: URL): string {
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `${url.protocol}//${user}${url.host}`;
}

const FIXES: Record<string, string> = {
  EAUTH:
    'The server refused the credentials: check the user and password in SMTP_URL (percent-encode @, : and / in them).',
  ETLS: 'TLS failed: use smtps://…:465, or smtp://…:587 on a server that offers STARTTLS; a relay without TLS can opt out with ?requireTLS=false.',
  ECONNECTION:
    'Check the host and port in SMTP_URL, that the server is up and that this host may reach it (firewall, security group).',
  ESOCKET:
    'Check the host and port in SMTP_URL, that the server is up and that this host may reach it (firewall, security group).',
  EDNS: 'The host name in SMTP_URL does not resolve: check it, and the DNS of this host.',
  ETIMEDOUT:
    'The server did not answer in time: check the host and port in SMTP_URL and the firewall between them.',
};

/**
 * The error's class and code, and its message with any trace of the password removed. Duck-typed:
 * socket errors may come from another realm, where `instanceof Error` is false.
 */
function describeError(error: unknown, url: URL): { code: string; message: string } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : 'unknown';
  const name = typeof e.name === 'string' ? e.name : 'Error';
  let message =
    typeof e.message === 'string'
      ? `${name}${code === 'unknown' ? '' : ` ${code}`}: ${e.message}`
      : String(error);
  const secrets = [url.password, safeDecode(url.password)].filter((s) => s.length > 0);
  for (const secret of secrets) message = message.split(secret).join('****');
  return { code, message };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The mail server answers and accepts the credentials, or the outbox is allowed here. */
export async function checkSmtp(
  input: DoctorConfigInput,
  timeoutMs = SMTP_CHECK_TIMEOUT_MS,
): Promise<DoctorFinding> {
  const problems = problemsOf(input, ['SMTP_URL']);
  if (problems.length > 0)
    return {
      check: CHECK,
      status: 'fail',
      message: `${problems.map((p) => p.message).join(' ')} (config:check refuses this configuration too; the app would not boot)`,
      fix: 'Set SMTP_URL to an smtp:// or smtps:// URL, or switch off password reset and email verification.',
    };
  if (!input.config)
    return {
      check: CHECK,
      status: 'warn',
      message: 'not checked: the configuration does not parse',
      fix: 'Fix the configuration first.',
    };
  const { smtpUrl } = input.config.mail;
  if (!smtpUrl) {
    const { passwordReset, emailVerification } = input.config;
    if (!passwordReset.enabled && !emailVerification.enabled)
      return ok(
        CHECK,
        'SMTP_URL not set; not needed: password reset and email verification are off',
      );
    return ok(CHECK, 'SMTP_URL not set: outbox: links are logged (development and test only)');
  }
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // The URL is not echoed: it may hold the password.
    return {
      check: CHECK,
      status: 'fail',
      message: 'SMTP_URL is not a valid URL',
      fix: 'Use smtps://user:password@host:465 or smtp://user:password@host:587, percent-encoding @, : and / in the user and password.',
    };
  }
  const server = describeServer(url);
  const { createTransport } = await import('nodemailer');
  const transport = createTransport(smtpTransportOptions(smtpUrl, timeoutMs));
  try {
    await transport.verify();
    return ok(
      CHECK,
      url.username
        ? `${server} reachable; login accepted`
        : `${server} reachable (no credentials in SMTP_URL)`,
    );
  } catch (error) {
    const { code, message } = describeError(error, url);
    return {
      check: CHECK,
      status: 'fail',
      message: `${server}: ${message}`,
      fix: FIXES[code] ?? 'See the message; the app cannot send reset or verification mail.',
    };
  } finally {
    transport.close();
  }
}
