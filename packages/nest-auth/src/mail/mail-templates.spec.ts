import { actionLink, describeDuration, passwordResetMessage } from './mail-templates';

describe('mail templates', () => {
  it('builds links under the base URL, with or without a trailing slash', () => {
    expect(actionLink('https://app.example.com/', 'reset-password', 'a-b_c')).toBe(
      'https://app.example.com/reset-password?token=a-b_c',
    );
    expect(actionLink('https://app.example.com/base', 'verify-email', 'x')).toBe(
      'https://app.example.com/base/verify-email?token=x',
    );
  });

  it('says how long a link works in words', () => {
    expect(describeDuration(3600)).toBe('1 hour');
    expect(describeDuration(86400)).toBe('24 hours');
    expect(describeDuration(172800)).toBe('2 days');
    expect(describeDuration(1800)).toBe('30 minutes');
    expect(describeDuration(60)).toBe('1 minute');
  });

  it('puts the link in both parts and escapes it in HTML', () => {
    const message = passwordResetMessage('a@example.com', 'https://x.test/?a=1&b=<2>', 3600);

    expect(message).toMatchObject({ to: 'a@example.com', subject: 'Reset your password' });
    expect(message.text).toContain('https://x.test/?a=1&b=<2>');
    expect(message.html).toContain('href="https://x.test/?a=1&amp;b=&lt;2&gt;"');
  });
});
