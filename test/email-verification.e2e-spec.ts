import { MailDispatcher } from '../packages/nest-auth/src';
import { login, PASSWORD } from './support/auth-client';
import { captureLogs } from './support/log-capture';
import { startAppWithSmtp } from './support/app-with-smtp';
import type { SmtpTestServer } from './support/smtp-test-server';
import { startTestApp, type TestApp } from './support/test-app';

const LINK_BASE = 'https://app.example.test';

describe('Email verification over HTTP, with a real SMTP server on loopback', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let close: () => Promise<void>;

  const register = (email: string) =>
    t.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
  const verify = (token: string) => t.http.post('/auth/verify-email').send({ token });
  const resend = (email: string) => t.http.post('/auth/verify-email/resend').send({ email });
  const loginStatus = async (email: string) =>
    (await t.http.post('/auth/login').send({ email, password: PASSWORD })).status;

  beforeAll(async () => {
    ({ smtp, t, close } = await startAppWithSmtp({
      env: {
        LEX_AUTH__MAIL__LINK_BASE_URL: LINK_BASE,
        LEX_AUTH__REQUIRE_VERIFIED_EMAIL: 'true',
        LEX_AUTH__PASSWORD_RESET__ENABLED: 'false',
        LEX_AUTH__MAIL__RATE_LIMIT: '100000/hour',
      },
    }));
  });
  afterAll(() => close());

  it('mails a link at registration; login is refused with 403 until it is followed', async () => {
    await register('alice@example.com');
    const mail = await smtp.waitFor('alice@example.com');
    expect(mail.subject).toBe('Verify your email address');
    expect(mail.link).toBe(`${LINK_BASE}/verify-email?token=${mail.token}`);

    const refused = await t.http
      .post('/auth/login')
      .send({ email: 'alice@example.com', password: PASSWORD })
      .expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, error: 'EmailNotVerifiedError' });

    const res = await verify(mail.token as string).expect(204);
    expect(res.headers['cache-control']).toBe('no-store');
    await login(t.http, 'alice@example.com');

    const again = await verify(mail.token as string).expect(400);
    expect(again.body.error).toBe('InvalidOneTimeTokenError');
  });

  it('resends a link that replaces the first', async () => {
    await register('bob@example.com');
    const first = await smtp.waitFor('bob@example.com');

    const res = await resend('BOB@example.com').expect(202);
    expect(res.body).toEqual({
      message:
        'If an account with this email exists and needs it, a message with a link is on its way.',
    });
    const second = await smtp.waitFor('bob@example.com');
    expect(second.token).not.toBe(first.token);

    await verify(first.token as string).expect(400);
    await verify(second.token as string).expect(204);
    expect(await loginStatus('bob@example.com')).toBe(200);
  });

  it('answers resend the same for unknown and verified accounts, and sends them nothing', async () => {
    const unknown = await resend('nobody@example.com').expect(202);
    const verified = await resend('alice@example.com').expect(202);
    expect(verified.body).toEqual(unknown.body);
    await t.app.get(MailDispatcher).whenIdle();
    expect(smtp.to('nobody@example.com')).toHaveLength(0);
    expect(smtp.to('alice@example.com')).toHaveLength(1);
  });

  it('refuses tampered and empty tokens and unknown fields with 400', async () => {
    await register('carol@example.com');
    const { token } = await smtp.waitFor('carol@example.com');
    const tampered = (token as string).slice(0, -1) + ((token as string).endsWith('A') ? 'B' : 'A');

    await verify(tampered).expect(400);
    await verify('').expect(400);
    await t.http.post('/auth/verify-email').send({ token, extra: 1 }).expect(400);
    expect(await loginStatus('carol@example.com')).toBe(403);
    await verify(token as string).expect(204);
  });

  it('answers 404 FeatureDisabledError for the password-reset routes when that is off', async () => {
    const res = await t.http.post('/auth/password/forgot').send({ email: 'a@example.com' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'FeatureDisabledError' });
    await t.http.post('/auth/password/reset').send({}).expect(404);
  });
});

describe('Email verification when the mail server is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 9 (discard) on loopback: every delivery fails at once.
    t = await startTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
  });
  afterAll(() => t.close());

  it('still registers, and logs the failure without the token or link', async () => {
    const logs = captureLogs();
    try {
      await t.http
        .post('/auth/register')
        .send({ email: 'dora@example.com', password: PASSWORD })
        .expect(201);
      await t.app.get(MailDispatcher).whenIdle();

      const errors = logs.calls('error').map((call) => String(call[0]));
      expect(errors).toEqual([
        expect.stringMatching(/^Mail job "email_verification" failed \(try 1\): /),
      ]);
      expect(logs.text()).not.toMatch(/token=|verify-email\?/);
    } finally {
      logs.restore();
    }
    await login(t.http, 'dora@example.com');
  });
});

describe('Mail rate limit shared by forgot-password and resend', () => {
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, close } = await startAppWithSmtp({ env: { LEX_AUTH__MAIL__RATE_LIMIT: '2/hour' } }));
  });
  afterAll(() => close());

  it('counts both routes against one budget per client', async () => {
    await t.http.post('/auth/password/forgot').send({ email: 'a@example.com' }).expect(202);
    await t.http.post('/auth/verify-email/resend').send({ email: 'a@example.com' }).expect(202);
    const res = await t.http
      .post('/auth/verify-email/resend')
      .send({ email: 'b@example.com' })
      .expect(429);
    expect(res.body).toMatchObject({ error: 'AccountRecoveryRateLimitError' });
    await t.http.post('/auth/password/forgot').send({ email: 'c@example.com' }).expect(429);
  });
});

describe('Per-recipient budget shared by resend and forgot-password', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ smtp, t, close } = await startAppWithSmtp({
      env: { TRUST_PROXY: 'loopback', LEX_AUTH__MAIL__RATE_LIMIT: '2/hour' },
    }));
  });
  afterAll(() => close());

  it('counts requested mails of both kinds, not the one registration sends', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'dan@example.com', password: PASSWORD })
      .expect(201);
    const steps: [string, string][] = [
      ['/auth/verify-email/resend', '198.51.100.1'],
      ['/auth/password/forgot', '198.51.100.2'],
      ['/auth/verify-email/resend', '198.51.100.3'],
    ];
    for (const [path, ip] of steps) {
      await t.http
        .post(path)
        .set('X-Forwarded-For', ip)
        .send({ email: 'dan@example.com' })
        .expect(202);
      await t.app.get(MailDispatcher).whenIdle();
    }

    expect(smtp.to('dan@example.com').map((m) => m.subject)).toEqual([
      'Verify your email address',
      'Verify your email address',
      'Reset your password',
    ]);
  });
});

describe('Mail queue at shutdown', () => {
  it('delivers the mails it holds before the app closes its transport and stores', async () => {
    const { smtp, t } = await startAppWithSmtp();
    try {
      await t.http
        .post('/auth/register')
        .send({ email: 'late@example.com', password: PASSWORD })
        .expect(201);
      await t.close();

      expect(smtp.to('late@example.com')).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});
