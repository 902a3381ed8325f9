import { EventEmitter2 } from '@nestjs/event-emitter';
import { createServer, type AddressInfo } from 'node:net';
import { AUTH_EVENTS, type AuthEvent, type TokenPair } from '../packages/nest-auth/src';
import { totpCodeAt, totpStep } from '../packages/nest-auth/src/mfa/totp';
import { type DoctorFinding, runServiceChecks } from '@lexigram/nest-auth/cli';
import { authCliHost } from '../src/cli/auth-cli-host';
import { bearer, login, PASSWORD, registerAndLogin } from './support/auth-client';
import { inProcessCli } from './support/cli-in-process';
import { SmtpTestServer } from './support/smtp-test-server';
import { startTestApp, type TestApp } from './support/test-app';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SMTP_USER = 'mailer';
const SMTP_PASS = 'p@ss:w0rd/secret';

/**
 * `users:mfa-reset` and the doctor's SMTP check, run in this process against the test app's own
 * providers (see cli-roles.e2e-spec.ts), with a real SMTP server on loopback.
 */
describe('admin CLI: account support (users:mfa-reset, doctor smtp)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  const events: AuthEvent[] = [];

  const { cli, cliJson } = inProcessCli(() => t.app);

  beforeAll(async () => {
    [t, smtp] = await Promise.all([
      startTestApp(),
      SmtpTestServer.start({ auth: { user: SMTP_USER, pass: SMTP_PASS } }),
    ]);
    const emitter = t.app.get(EventEmitter2);
    for (const name of [AUTH_EVENTS.mfaDisabled, AUTH_EVENTS.tokenRevoked])
      emitter.on(name, (event: AuthEvent) => events.push(event));
  });
  afterAll(() => Promise.all([t?.close(), smtp?.close()]));

  describe('users:mfa-reset', () => {
    /**
     * Registers, enrols and confirms TOTP through the HTTP routes, then logs in with password and
     * code: the pair a user with MFA holds. Confirming spent the current step, so the login uses
     * the next one (accepted within the ±1 step window).
     */
    async function withMfa(email: string): Promise<TokenPair> {
      const first = await registerAndLogin(t.http, email);
      const enrol = await t.http.post('/auth/mfa/totp').set(bearer(first.access_token)).expect(201);
      const secret = enrol.body.secret as string;
      const step = totpStep(Date.now());
      await t.http
        .post('/auth/mfa/totp/confirm')
        .set(bearer(first.access_token))
        .send({ password: PASSWORD, code: totpCodeAt(secret, step) })
        .expect(200);
      const challenge = await t.http
        .post('/auth/login')
        .send({ email, password: PASSWORD })
        .expect(401);
      expect(challenge.body).toMatchObject({ error: 'MfaRequiredError' });
      const verified = await t.http
        .post('/auth/mfa/verify')
        .send({ challenge: challenge.body.mfaChallenge, code: totpCodeAt(secret, step + 1) })
        .expect(200);
      return verified.body as TokenPair;
    }

    it('turns MFA off, ends every session, publishes the audit events; login then gives tokens', async () => {
      const before = await withMfa('lost@example.com');
      await t.http.get('/auth/me').set(bearer(before.access_token)).expect(200);
      events.length = 0;

      const reset = await cliJson('users:mfa-reset', 'Lost@Example.com');
      expect(reset.code).toBe(0);
      expect(reset.body).toEqual({
        email: 'lost@example.com',
        userId: expect.any(String),
        changed: true,
        mfaEnabled: false,
        tokensRevokedBefore: expect.any(String),
      });
      expect(events).toEqual([
        expect.objectContaining({ name: AUTH_EVENTS.mfaDisabled, userId: reset.body.userId }),
        expect.objectContaining({
          name: AUTH_EVENTS.tokenRevoked,
          userId: reset.body.userId,
          cause: 'mfa_change',
          sessionId: null,
        }),
      ]);

      await t.http.get('/auth/me').set(bearer(before.access_token)).expect(401);
      await t.http.post('/auth/refresh').send({ refresh_token: before.refresh_token }).expect(401);
      // No MfaRequiredError: the password alone gives tokens again.
      const after = await login(t.http, 'lost@example.com');
      await t.http.get('/auth/me').set(bearer(after.access_token)).expect(200);
    });

    it('prints what it did for people', async () => {
      await withMfa('human@example.com');
      const run = await cli(['users:mfa-reset', 'human@example.com']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('changed: true');
      expect(run.stdout).toContain('every session ended');
    });

    it('changes nothing on a second run (changed: false, exit 0)', async () => {
      const again = await cliJson('users:mfa-reset', 'lost@example.com');
      expect(again.code).toBe(0);
      expect(again.body).toMatchObject({ changed: false, tokensRevokedBefore: null });
      const human = await cli(['users:mfa-reset', 'lost@example.com']);
      expect(human.stdout).toContain('MFA was not enabled for this user; nothing changed.');
    });

    it('exits 1 for an unknown user, 2 without an email, and says to verify identity in --help', async () => {
      const unknown = await cliJson('users:mfa-reset', 'ghost@example.com');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('No user with email ghost@example.com');
      expect(unknown.body).toMatchObject({ error: 'CommandFailedError' });
      expect((await cli(['users:mfa-reset'])).code).toBe(2);
      const help = await cli(['users:mfa-reset', '--help']);
      expect(help.stdout).toContain('Usage: lexigram-auth users:mfa-reset <email> [--json]');
      expect(help.stdout).toContain("verify the person's identity out of band");
      expect((await cli(['--help'])).stdout).toContain('users:mfa-reset');
    });
  });

  describe('doctor: smtp', () => {
    const smtpFinding = async (env: Record<string, string>): Promise<DoctorFinding> => {
      const [finding] = await runServiceChecks(authCliHost, env);
      expect(finding.check).toBe('smtp');
      return finding;
    };

    it('is ok against a reachable server that accepts the login, as part of doctor', async () => {
      const full = await cli(['doctor', '--json'], { LEX_ENV: 'test', SMTP_URL: smtp.url });
      const body = JSON.parse(full.stdout) as { findings: DoctorFinding[] };
      // Registered last, after the runtime checks.
      expect(body.findings.map((f) => f.check).at(-1)).toBe('smtp');
      const finding = body.findings.find((f) => f.check === 'smtp');
      expect(finding).toEqual({
        check: 'smtp',
        status: 'ok',
        message: `smtp://${SMTP_USER}@${new URL(smtp.url).host} reachable; login accepted`,
      });
      expect(full.stdout).not.toContain(SMTP_PASS);
    });

    it('fails on refused credentials with EAUTH and a fix, never showing the password', async () => {
      const wrong = `smtp://${SMTP_USER}:${encodeURIComponent('wrong-Pa55')}@${new URL(smtp.url).host}`;
      const finding = await smtpFinding({ LEX_ENV: 'test', SMTP_URL: wrong });
      expect(finding).toMatchObject({
        status: 'fail',
        fix: expect.stringContaining('credentials'),
      });
      expect(finding.message).toContain('EAUTH');
      expect(JSON.stringify(finding)).not.toContain('wrong-Pa55');
    });

    it('fails against a closed port with the error code and a fix, never showing the password', async () => {
      const port = await closedPort();
      const url = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${port}`;
      const started = Date.now();
      const finding = await smtpFinding({ LEX_ENV: 'test', SMTP_URL: url });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(finding).toMatchObject({
        status: 'fail',
        message: expect.stringContaining(`smtp://${SMTP_USER}@127.0.0.1:${port}`),
        fix: expect.stringContaining('host and port'),
      });
      expect(finding.message).toMatch(/ECONNECTION|ECONNREFUSED/);
      const text = JSON.stringify(finding);
      expect(text).not.toContain(SMTP_PASS);
      expect(text).not.toContain(encodeURIComponent(SMTP_PASS));
    });

    it('without SMTP_URL: ok in development/test (outbox), fail in staging/production while a mail feature is on', async () => {
      expect(await smtpFinding({ LEX_ENV: 'test' })).toEqual({
        check: 'smtp',
        status: 'ok',
        message: 'SMTP_URL not set: outbox: links are logged (development and test only)',
      });
      const production = await smtpFinding({ LEX_ENV: 'production' });
      expect(production).toMatchObject({ status: 'fail' });
      expect(production.message).toContain('config:check refuses this configuration too');
      expect(production.message).toContain('password reset and email verification');
      const off = await smtpFinding({
        LEX_ENV: 'staging',
        LEX_AUTH__PASSWORD_RESET__ENABLED: 'false',
        LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'false',
      });
      expect(off).toMatchObject({ status: 'ok', message: expect.stringContaining('not needed') });
      const broken = await smtpFinding({ LEX_ENV: 'test', SMTP_URL: 'smtp://u:s3cret@bad host' });
      expect(broken).toMatchObject({ status: 'fail', message: 'SMTP_URL is not a valid URL' });
      expect(JSON.stringify(broken)).not.toContain('s3cret');
    });
  });
});
