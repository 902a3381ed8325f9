import type { MailMessage } from './mailer';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** `${base}/${page}?token=…`, whether or not the base ends with a slash. */
export function actionLink(linkBaseUrl: string, page: string, token: string): string {
  return `${linkBaseUrl.replace(/\/+$/, '')}/${page}?token=${encodeURIComponent(token)}`;
}

/** "1 hour", "24 hours", "30 minutes": how long a link works, for the message. */
export function describeDuration(seconds: number): string {
  const [amount, unit] =
    seconds % 86400 === 0 && seconds > 86400
      ? [seconds / 86400, 'day']
      : seconds % 3600 === 0
        ? [seconds / 3600, 'hour']
        : [Math.max(1, Math.round(seconds / 60)), 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

interface Template {
  subject: string;
  intro: string;
  action: string;
  outro: string;
}

function render(to: string, link: string, t: Template): MailMessage {
  const text = `${t.intro}\n\n${t.action}:\n${link}\n\n${t.outro}\n`;
  const html =
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">' +
    `<p>${escapeHtml(t.intro)}</p>` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(t.action)}</a></p>` +
    `<p style="color:#555">${escapeHtml(t.outro)}</p>` +
    '</body></html>';
  return { to, subject: t.subject, text, html, link };
}

/** The message with a password-reset link. */
export function passwordResetMessage(to: string, link: string, ttlSeconds: number): MailMessage {
  return render(to, link, {
    subject: 'Reset your password',
    intro: 'Someone asked to reset the password of your account. If it was you, choose a new one.',
    action: 'Reset your password',
    outro:
      `The link works once, within ${describeDuration(ttlSeconds)}. If you did not ask for it, ` +
      'ignore this message: your password stays as it is.',
  });
}

/** The message with an email-verification link. */
export function emailVerificationMessage(
  to: string,
  link: string,
  ttlSeconds: number,
): MailMessage {
  return render(to, link, {
    subject: 'Verify your email address',
    intro: 'Confirm that this address belongs to your new account.',
    action: 'Verify your email address',
    outro:
      `The link works once, within ${describeDuration(ttlSeconds)}. If you did not create an ` +
      'account, ignore this message.',
  });
}
