import { type AddressInfo, createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import {
  emailVerificationMessage,
  passwordResetMessage,
} from '../packages/nest-auth/src/mail/mail-templates';
import { SmtpMailer } from '../packages/nest-auth/src/mail/smtp-mailer';
import { SmtpTestServer } from './support/smtp-test-server';

const LINK = 'https://app.example.com/reset-password?token=abc_DEF-123';

describe('SmtpMailer against a real SMTP server on loopback', () => {
  let smtp: SmtpTestServer;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start({ auth: { user: 'mailer@example.com', pass: 'p@ss:w/rd' } });
    mailer = new SmtpMailer(smtp.url, 'Lexigram Auth <no-reply@example.com>');
  });
  afterAll(async () => {
    mailer.onApplicationShutdown();
    await smtp.close();
  });

  it('authenticates with the credentials of SMTP_URL and delivers text and HTML', async () => {
    await mailer.send(passwordResetMessage('alice@example.com', LINK, 3600));

    const mail = await smtp.waitFor('alice@example.com');
    expect(mail).toMatchObject({
      to: ['alice@example.com'],
      from: '"Lexigram Auth" <no-reply@example.com>',
      subject: 'Reset your password',
      user: 'mailer@example.com',
      link: LINK,
      token: 'abc_DEF-123',
    });
    expect(mail.text).toContain('within 1 hour');
    expect(mail.html).toContain(`href="${LINK}"`);
  });

  it('escapes the link in the HTML part', async () => {
    const link = 'https://app.example.com/verify-email?token=a&b="<x>"';
    await mailer.send(emailVerificationMessage('bob@example.com', link, 86400));

    const mail = await smtp.waitFor('bob@example.com');
    expect(mail.subject).toBe('Verify your email address');
    expect(mail.text).toContain('within 24 hours');
    expect(mail.html).toContain('token=a&amp;b=&quot;&lt;x&gt;&quot;');
    expect(mail.html).not.toContain('<x>');
  });

  it('rejects when the server refuses the credentials', async () => {
    const wrong = new SmtpMailer(smtp.url.replace('p%40ss', 'nope'), 'no-reply@example.com');
    try {
      await expect(
        wrong.send(passwordResetMessage('carol@example.com', LINK, 3600)),
      ).rejects.toMatchObject({ code: 'EAUTH' });
      expect(smtp.to('carol@example.com')).toHaveLength(0);
    } finally {
      wrong.onApplicationShutdown();
    }
  });
});

/** An address of this machine other than loopback, when it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('SmtpMailer towards a non-loopback host', () => {
  (lanAddress ? it : it.skip)(
    'requires TLS: a server without STARTTLS gets no message',
    async () => {
      // A plain TCP "SMTP server" that offers no STARTTLS, on this machine's LAN address.
      const received: string[] = [];
      const server: Server = createServer((socket) => {
        socket.write('220 fake ESMTP\r\n');
        socket.on('data', (data) => {
          const line = data.toString();
          received.push(line);
          if (/^(EHLO|HELO)/i.test(line)) socket.write('250-fake\r\n250 8BITMIME\r\n');
          else if (/^STARTTLS/i.test(line)) socket.write('502 not implemented\r\n');
          else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
          else socket.write('250 ok\r\n');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, lanAddress, resolve));
      const { port } = server.address() as AddressInfo;
      const mailer = new SmtpMailer(`smtp://${lanAddress}:${port}`, 'no-reply@example.com');
      try {
        await expect(
          mailer.send(passwordResetMessage('dave@example.com', LINK, 3600)),
        ).rejects.toMatchObject({ code: 'ETLS' });
        expect(received.join('')).not.toMatch(/MAIL FROM|DATA/i);
      } finally {
        mailer.onApplicationShutdown();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );
});
