import { EventEmitter2 } from '@nestjs/event-emitter';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { AUTH_EVENTS, AuthClock, type AuthEvent, MailDispatcher } from '../packages/nest-auth/src';
import { bearer, login, PASSWORD, registerAndLogin } from './support/auth-client';
import { captureLogs } from './support/log-capture';
import { sharedRedisUrl } from './support/services/shared-services';
import { TcpProxy } from './support/services/tcp-proxy';
import { startAppWithSmtp } from './support/app-with-smtp';
import type { SmtpTestServer } from './support/smtp-test-server';
import { startTestApp, type TestApp } from './support/test-app';

const NEW_PASSWORD = 'a brand new passphrase 42';
const LINK_BASE = 'https://app.example.test/account';
const QUEUED = {
  message:
    'If an account with this email exists and needs it, a message with a link is on its way.',
};

/** The system clock plus an offset the test moves: expiry without sleeping. */
const offset = { ms: 0 };
const movingClock = { now: () => Date.now() + offset.ms };

describe('Password reset over HTTP, with a real SMTP server on loopback', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let close: () => Promise<void>;
  const events: AuthEvent[] = [];

  const forgot = (email: string) => t.http.post('/auth/password/forgot').send({ email });
  const reset = (token: string, newPassword = NEW_PASSWORD) =>
    t.http.post('/auth/password/reset').send({ token, newPassword });
  /** Asks for a link and returns the token read from the mail the server received. */
  const tokenFromMail = async (email: string): Promise<string> => {
    await forgot(email).expect(202);
    const mail = await smtp.waitFor(email);
    expect(mail.link).toBe(`${LINK_BASE}/reset-password?token=${mail.token}`);
    return mail.token as string;
  };

  beforeAll(async () => {
    ({ smtp, t, close } = await startAppWithSmtp({
      env: {
        LEX_AUTH__MAIL__LINK_BASE_URL: LINK_BASE,
        LEX_AUTH__MAIL__FROM: 'Accounts <accounts@example.test>',
        LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'false',
        LEX_AUTH__MAIL__RATE_LIMIT: '100000/hour',
      },
      override: (b) => b.overrideProvider(AuthClock).useValue(movingClock),
    }));
    t.app.get(EventEmitter2).onAny((_name: string | string[], event: AuthEvent) => {
      events.push(event);
    });
  });
  afterAll(() => close());
  afterEach(() => {
    offset.ms = 0;
  });

  it('mails a link that resets the password; old tokens stop working; nothing secret is logged', async () => {
    const logs = captureLogs();
    try {
      const old = await registerAndLogin(t.http, 'alice@example.com');

      const res = await forgot('Alice@Example.com ').expect(202);
      expect(res.body).toEqual(QUEUED);
      expect(res.headers['cache-control']).toBe('no-store');
      const mail = await smtp.waitFor('alice@example.com');
      expect(mail).toMatchObject({
        from: '"Accounts" <accounts@example.test>',
        subject: 'Reset your password',
      });
      expect(mail.html).toContain(`href="${mail.link}"`);

      events.length = 0;
      await reset(mail.token as string).expect(204);

      await t.http.get('/auth/me').set(bearer(old.access_token)).expect(401);
      await t.http.post('/auth/refresh').send({ refresh_token: old.refresh_token }).expect(401);
      await t.http
        .post('/auth/login')
        .send({ email: 'alice@example.com', password: PASSWORD })
        .expect(401);
      const fresh = await login(t.http, 'alice@example.com', NEW_PASSWORD);
      await t.http.get('/auth/me').set(bearer(fresh.access_token)).expect(200);
      expect(events.map((e) => [e.name, (e as { cause?: string }).cause])).toEqual(
        expect.arrayContaining([
          [AUTH_EVENTS.passwordChanged, undefined],
          [AUTH_EVENTS.tokenRevoked, 'password_reset'],
        ]),
      );

      expect(logs.text()).toContain('reset_password');
      expect(logs.text()).not.toContain(mail.token);
      expect(logs.text()).not.toContain(NEW_PASSWORD);
    } finally {
      logs.restore();
    }
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    const res = await forgot('nobody@example.com').expect(202);
    expect(res.body).toEqual(QUEUED);
    await t.app.get(MailDispatcher).whenIdle();
    expect(smtp.to('nobody@example.com')).toHaveLength(0);
  });

  it('refuses a used token, a tampered one and a garbage one with 400', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'bob@example.com', password: PASSWORD })
      .expect(201);
    const token = await tokenFromMail('bob@example.com');
    const tampered = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);

    for (const bad of [tampered, 'not-a-token', token.toUpperCase()]) {
      const res = await reset(bad).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'InvalidOneTimeTokenError' });
    }
    await reset(token).expect(204);
    const reused = await reset(token, 'yet another passphrase 43').expect(400);
    expect(reused.body.error).toBe('InvalidOneTimeTokenError');
    await login(t.http, 'bob@example.com', NEW_PASSWORD);
  });

  it('refuses an expired token (moved clock)', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'carol@example.com', password: PASSWORD })
      .expect(201);
    const token = await tokenFromMail('carol@example.com');

    offset.ms = 3600 * 1000;
    await reset(token).expect(400);
    offset.ms = 0;
    await login(t.http, 'carol@example.com', PASSWORD);
  });

  it('keeps the token usable when the new password breaks the policy', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'dave@example.com', password: PASSWORD })
      .expect(201);
    const token = await tokenFromMail('dave@example.com');

    const res = await reset(token, 'short').expect(422);
    expect(res.body).toMatchObject({ error: 'PasswordPolicyError' });
    await reset(token).expect(204);
  });

  it('only the newest link works', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'erin@example.com', password: PASSWORD })
      .expect(201);
    const first = await tokenFromMail('erin@example.com');
    const second = await tokenFromMail('erin@example.com');

    await reset(first).expect(400);
    await reset(second).expect(204);
  });

  it('clears the login lockout', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'frank@example.com', password: PASSWORD })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await t.http
        .post('/auth/login')
        .send({ email: 'frank@example.com', password: 'wrong password!!' })
        .expect(401);
    }
    await t.http
      .post('/auth/login')
      .send({ email: 'frank@example.com', password: PASSWORD })
      .expect(423);

    await reset(await tokenFromMail('frank@example.com')).expect(204);

    await login(t.http, 'frank@example.com', NEW_PASSWORD);
  });

  it('lets exactly one of 10 parallel resets with one token win', async () => {
    await t.http
      .post('/auth/register')
      .send({ email: 'gina@example.com', password: PASSWORD })
      .expect(201);
    const token = await tokenFromMail('gina@example.com');

    const results = await Promise.all(Array.from({ length: 10 }, () => reset(token)));

    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([204, ...Array<number>(9).fill(400)]);
  });

  it('refuses query strings and unknown fields with 400', async () => {
    await t.http
      .post('/auth/password/forgot?email=x@example.com')
      .send({ email: 'x@example.com' })
      .expect(400);
    await t.http
      .post('/auth/password/forgot')
      .send({ email: 'x@example.com', admin: true })
      .expect(400);
    await t.http.post('/auth/password/reset').send({ token: 'abc' }).expect(400);
  });
});

describe('Password reset limits and switches', () => {
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, close } = await startAppWithSmtp({
      env: {
        LEX_AUTH__MAIL__RATE_LIMIT: '3/hour',
        LEX_AUTH__LOGIN_RATE_LIMIT: '2/minute',
        LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'false',
      },
    }));
  });
  afterAll(() => close());

  it('answers 429 with Retry-After past mail.rate_limit', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http
        .post('/auth/password/forgot')
        .send({ email: `rl${i}@example.com` })
        .expect(202);
    }
    const res = await t.http
      .post('/auth/password/forgot')
      .send({ email: 'rl9@example.com' })
      .expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'AccountRecoveryRateLimitError' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(60);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3600);
    // Validated before the limit: a malformed body is a 400 even with the budget spent.
    const bad = await t.http.post('/auth/password/forgot').send({ email: 42 }).expect(400);
    expect(bad.body.error).toBe('RequestValidationError');
  });

  it('limits reset attempts by login_rate_limit, separately from the login route', async () => {
    for (let i = 0; i < 2; i++) {
      await t.http
        .post('/auth/password/reset')
        .send({ token: `t${i}`, newPassword: NEW_PASSWORD })
        .expect(400);
    }
    await t.http
      .post('/auth/password/reset')
      .send({ token: 'x', newPassword: NEW_PASSWORD })
      .expect(429);
    await t.http
      .post('/auth/login')
      .send({ email: 'a@example.com', password: 'whatever pass' })
      .expect(401);
  });

  it('answers 404 FeatureDisabledError for the email-verification routes when that is off', async () => {
    const res = await t.http.post('/auth/verify-email').send({ token: 'x' }).expect(404);
    expect(res.body).toMatchObject({ error: 'FeatureDisabledError' });
    await t.http.post('/auth/verify-email/resend').send({}).expect(404);
  });
});

describe('Mail rate limit under store=redis', () => {
  let redis: TcpProxy;
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const { hostname, port } = new URL(sharedRedisUrl());
    redis = await TcpProxy.start(hostname, Number(port));
    ({ t, close } = await startAppWithSmtp({
      env: {
        LEX_AUTH__STORE: 'redis',
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'false',
        LEX_AUTH__MAIL__RATE_LIMIT: '100000/hour',
      },
    }));
  });
  afterAll(async () => {
    await close();
    await redis.close();
  });

  it('fails closed (503) when Redis goes away, never letting requests through unlimited', async () => {
    const forgot = () => t.http.post('/auth/password/forgot').send({ email: 'a@example.com' });
    await forgot().expect(202);

    await redis.close();
    let res = await forgot();
    for (let i = 0; i < 50 && res.status === 202; i++) res = await forgot();

    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: 'AuthStoreUnavailableError' });
    expect(res.body.message).toMatch(/^The rate limiter is unavailable/);
  });
});

describe('Per-recipient mail budget (mail.rate_limit per address, whatever the client)', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ smtp, t, close } = await startAppWithSmtp({
      env: {
        TRUST_PROXY: 'loopback',
        LEX_AUTH__MAIL__RATE_LIMIT: '2/hour',
        LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'false',
      },
    }));
    for (const email of ['victim@example.com', 'other@example.com']) {
      await t.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
    }
  });
  afterAll(() => close());

  const forgotFrom = (ip: string, email: string) =>
    t.http.post('/auth/password/forgot').set('X-Forwarded-For', ip).send({ email });

  it('sends at most 2 messages to one address from 3 clients, answering each the same', async () => {
    const logs = captureLogs();
    try {
      const answers = [];
      for (const [i, email] of [
        'victim@example.com',
        'Victim@Example.com',
        'victim@example.com ',
      ].entries()) {
        answers.push(await forgotFrom(`203.0.113.${i + 1}`, email).expect(202));
        await t.app.get(MailDispatcher).whenIdle();
      }

      expect(answers.map((res) => res.body as unknown)).toEqual([QUEUED, QUEUED, QUEUED]);
      expect(smtp.to('victim@example.com')).toHaveLength(2);
      const refusals = logs
        .calls('debug')
        .filter((call) => JSON.stringify(call).includes('recipient_budget_spent'));
      expect(refusals).toHaveLength(1);
      expect(JSON.stringify(refusals)).not.toMatch(/victim/i);
    } finally {
      logs.restore();
    }

    await forgotFrom('203.0.113.4', 'other@example.com').expect(202);
    await smtp.waitFor('other@example.com');
  });
});

describe('Per-recipient mail budget across two instances sharing Redis', () => {
  let smtp: SmtpTestServer;
  let a: TestApp;
  let b: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const env = {
      LEX_AUTH__STORE: 'redis',
      REDIS_URL: sharedRedisUrl(),
      TRUST_PROXY: 'loopback',
      LEX_AUTH__MAIL__RATE_LIMIT: '2/hour',
      LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'false',
    };
    let closeA: () => Promise<void>;
    ({ smtp, t: a, close: closeA } = await startAppWithSmtp({ env }));
    // The second instance: same database file, same Redis, same SMTP server.
    b = await startTestApp({ env: { ...env, SMTP_URL: smtp.url }, dbPath: a.dbPath });
    close = async () => {
      await b.close();
      await closeA();
    };
  });
  afterAll(() => close());

  it('counts one budget for both, under a key that does not carry the address', async () => {
    // Unique per run (address and client IPs): the shared Redis outlives this test.
    const run = randomBytes(3);
    const email = `shared-${run.toString('hex')}@example.com`;
    await a.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);

    for (const [i, app] of [a, b, a, b].entries()) {
      await app.http
        .post('/auth/password/forgot')
        .set('X-Forwarded-For', `10.${run[0]}.${run[1]}.${i + 1}`)
        .send({ email })
        .expect(202);
      await app.app.get(MailDispatcher).whenIdle();
    }

    expect(smtp.to(email)).toHaveLength(2);
    const redis = new Redis(sharedRedisUrl());
    try {
      const keys = await redis.keys('*mail_recipient*');
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => key.includes('shared-') || key.includes('@'))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
