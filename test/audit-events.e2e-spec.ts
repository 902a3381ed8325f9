import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Secret, TOTP } from 'otpauth';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../src/app.module';
import {
  AUTH_EVENTS,
  AuthClock,
  AuthConfig,
  type AuthEvent,
  PasskeyStore,
  type TokenPair,
  type TokenRefreshedEvent,
  UserStore,
} from '../packages/nest-auth/src';
import { StubPasskeys } from '../packages/nest-auth/src/testing';
import { configureApp } from '../src/bootstrap/configure-app';
import { bearer, PASSWORD } from './support/auth-client';
import { tempDbPath } from './support/test-app';

/** A host's audit subscriber, written as docs/reference/events.md tells a team to listen. */
@Injectable()
class AuditRecorder {
  /** Every event since boot. */
  readonly all: AuthEvent[] = [];
  private pending: AuthEvent[] = [];

  @OnEvent(AUTH_EVENTS.userRegistered)
  @OnEvent(AUTH_EVENTS.loginSucceeded)
  @OnEvent(AUTH_EVENTS.loginFailed)
  @OnEvent(AUTH_EVENTS.accountLocked)
  @OnEvent(AUTH_EVENTS.tokenRefreshed)
  @OnEvent(AUTH_EVENTS.tokenReuseDetected)
  @OnEvent(AUTH_EVENTS.tokenRevoked)
  @OnEvent(AUTH_EVENTS.passwordChanged)
  @OnEvent(AUTH_EVENTS.mfaEnabled)
  @OnEvent(AUTH_EVENTS.mfaDisabled)
  @OnEvent(AUTH_EVENTS.mfaRecoveryCodeUsed)
  @OnEvent(AUTH_EVENTS.passkeyRegistered)
  @OnEvent(AUTH_EVENTS.passkeyRenamed)
  @OnEvent(AUTH_EVENTS.passkeyDeleted)
  @OnEvent(AUTH_EVENTS.passkeyLoginSucceeded)
  @OnEvent(AUTH_EVENTS.passkeyLoginFailed)
  @OnEvent(AUTH_EVENTS.passkeyCloneSuspected)
  record(event: AuthEvent): void {
    this.all.push(event);
    this.pending.push(event);
  }

  /** The events recorded since the last call. */
  take(): AuthEvent[] {
    return this.pending.splice(0);
  }
}

@Module({ providers: [AuditRecorder] })
class AuditTestModule {}

describe('audit events', () => {
  let app: NestExpressApplication;
  let http: TestAgent;
  let audit: AuditRecorder;
  const secrets: string[] = [PASSWORD];
  const EMAIL = 'eve@example.com';

  beforeAll(async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      LEX_ENV: 'test',
      LOG_LEVEL: 'silent',
      DB_PATH: tempDbPath(),
      LEX_AUTH__PASSWORD__ROUNDS: '4',
      LEX_AUTH__LOGIN_RATE_LIMIT: '100000/minute',
      LEX_AUTH__MAX_FAILED_ATTEMPTS: '2',
    });
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [AppModule, AuditTestModule],
      }).compile();
      app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
      await configureApp(app);
      await app.init();
    } finally {
      process.env = saved;
    }
    http = request(app.getHttpServer());
    audit = app.get(AuditRecorder);
  });
  afterAll(() => app?.close());

  const login = async (email: string, password: string, status: number) =>
    (await http.post('/auth/login').send({ email, password }).expect(status)).body as TokenPair;
  const remember = (pair: TokenPair) => secrets.push(pair.access_token, pair.refresh_token);

  it('auth.user.registered carries the user id and email', async () => {
    const res = await http.post('/auth/register').send({ email: EMAIL, password: PASSWORD });
    expect(audit.take()).toEqual([
      expect.objectContaining({ name: 'auth.user.registered', userId: res.body.id, email: EMAIL }),
    ]);
  });

  it('auth.login.succeeded and auth.login.failed with the reason the client is not told', async () => {
    remember(await login(EMAIL, PASSWORD, 200));
    await login(EMAIL, 'not the password at all', 401);
    await login('nobody@example.com', 'whatever password', 401);
    expect(audit.take()).toEqual([
      expect.objectContaining({ name: 'auth.login.succeeded', email: EMAIL }),
      expect.objectContaining({
        name: 'auth.login.failed',
        email: EMAIL,
        reason: 'wrong_password',
      }),
      expect.objectContaining({
        name: 'auth.login.failed',
        email: 'nobody@example.com',
        reason: 'unknown_user',
        userId: null,
      }),
    ]);
  });

  it('auth.account.locked when a failure starts the lock, then auth.login.failed: locked', async () => {
    await login('locked@example.com', 'wrong one', 401);
    await login('locked@example.com', 'wrong two', 401);
    await login('locked@example.com', 'wrong three', 423);
    expect(audit.take().map((e) => [e.name, (e as { reason?: string }).reason])).toEqual([
      ['auth.login.failed', 'unknown_user'],
      ['auth.login.failed', 'unknown_user'],
      ['auth.account.locked', undefined],
      ['auth.login.failed', 'locked'],
    ]);
  });

  it('auth.token.refreshed, then auth.token.reuse-detected and auth.token.revoked on reuse', async () => {
    const pair = await login(EMAIL, PASSWORD, 200);
    remember(pair);
    remember((await http.post('/auth/refresh').send({ refresh_token: pair.refresh_token })).body);
    await http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(401);
    const events = audit.take();
    const { sessionId } = events[1] as TokenRefreshedEvent;
    expect(events).toEqual([
      expect.objectContaining({ name: 'auth.login.succeeded' }),
      expect.objectContaining({ name: 'auth.token.refreshed', sessionId: expect.any(String) }),
      expect.objectContaining({ name: 'auth.token.reuse-detected', sessionId }),
      expect.objectContaining({ name: 'auth.token.revoked', cause: 'reuse_detected', sessionId }),
    ]);
  });

  it('auth.token.revoked on logout (one session) and logout-all (every token)', async () => {
    const a = await login(EMAIL, PASSWORD, 200);
    remember(a);
    await http.post('/auth/logout').set(bearer(a.access_token)).send({}).expect(204);
    const b = await login(EMAIL, PASSWORD, 200);
    remember(b);
    await http.post('/auth/logout-all').set(bearer(b.access_token)).expect(204);
    const revoked = audit.take().filter((e) => e.name === 'auth.token.revoked');
    expect(revoked).toEqual([
      expect.objectContaining({ cause: 'logout', sessionId: expect.any(String) }),
      expect.objectContaining({ cause: 'logout_all', sessionId: null }),
    ]);
  });

  it('auth.password.changed, with every earlier token revoked', async () => {
    const pair = await login(EMAIL, PASSWORD, 200);
    remember(pair);
    const newPassword = 'another long passphrase 2026';
    secrets.push(newPassword);
    await http
      .post('/auth/password')
      .set(bearer(pair.access_token))
      .send({ currentPassword: PASSWORD, newPassword })
      .expect(204);
    const names = audit.take().map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['auth.password.changed', 'auth.token.revoked']));
  });

  it('auth.mfa.enabled, auth.mfa.recovery-code-used and auth.mfa.disabled', async () => {
    const email = 'mfa-audit@example.com';
    await http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
    const pair = await login(email, PASSWORD, 200);
    remember(pair);
    const enrolment = await http.post('/auth/mfa/totp').set(bearer(pair.access_token));
    const { secret } = enrolment.body as { secret: string };
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const confirmed = await http
      .post('/auth/mfa/totp/confirm')
      .set(bearer(pair.access_token))
      .send({ password: PASSWORD, code })
      .expect(200);
    const [first, second] = confirmed.body.recoveryCodes as string[];
    secrets.push(secret, first, second);
    const { mfaChallenge } = (await http.post('/auth/login').send({ email, password: PASSWORD }))
      .body as { mfaChallenge: string };
    secrets.push(mfaChallenge);
    const verified = await http
      .post('/auth/mfa/verify')
      .send({ challenge: mfaChallenge, code: first })
      .expect(200);
    remember(verified.body as TokenPair);
    await http
      .post('/auth/mfa/totp/disable')
      .set(bearer((verified.body as TokenPair).access_token))
      .send({ password: PASSWORD, code: second })
      .expect(204);
    const mfaEvents = audit.take().filter((e) => e.name.startsWith('auth.mfa.'));
    expect(mfaEvents).toEqual([
      expect.objectContaining({ name: 'auth.mfa.enabled', userId: expect.any(String) }),
      expect.objectContaining({ name: 'auth.mfa.recovery-code-used', codesLeft: 9 }),
      expect.objectContaining({ name: 'auth.mfa.recovery-code-used', codesLeft: 8 }),
      expect.objectContaining({ name: 'auth.mfa.disabled' }),
    ]);
  });

  it('auth.passkey.*: registered, renamed, login succeeded and failed, clone suspected, deleted', async () => {
    const email = 'passkey-audit@example.com';
    await http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
    const pair = await login(email, PASSWORD, 200);
    remember(pair);
    const authenticator = new StubPasskeys(
      [],
      ...[app.get(PasskeyStore), app.get(UserStore), app.get(AuthConfig), app.get(AuthClock)],
    );
    const creation = await http
      .post('/auth/passkeys/registration/options')
      .set(bearer(pair.access_token))
      .expect(200);
    const created = await http
      .post('/auth/passkeys/registration/verify')
      .set(bearer(pair.access_token))
      .send({ response: await authenticator.create(email, creation.body as { challenge: string }) })
      .expect(201);
    const path = `/auth/passkeys/${(created.body as { id: string }).id}`;
    await http.patch(path).set(bearer(pair.access_token)).send({ name: 'Renamed' }).expect(200);
    const signIn = async (counter?: number) => {
      const o = (await http.post('/auth/passkeys/authentication/options').send({}).expect(200))
        .body as { challenge: string; challengeId: string };
      const body = {
        challengeId: o.challengeId,
        response: authenticator.answer(email, o, { counter }),
      };
      return { body, res: await http.post('/auth/passkeys/authentication/verify').send(body) };
    };
    const first = await signIn();
    expect(first.res.status).toBe(200);
    remember(first.res.body as TokenPair);
    await http.post('/auth/passkeys/authentication/verify').send(first.body).expect(401);
    expect((await signIn(1)).res.status).toBe(401);
    await http.delete(path).set(bearer(pair.access_token)).expect(204);

    const passkeyEvents = audit.take().filter((e) => e.name.startsWith('auth.passkey.'));
    expect(passkeyEvents).toEqual([
      expect.objectContaining({ name: 'auth.passkey.registered', passkeyId: expect.any(String) }),
      expect.objectContaining({ name: 'auth.passkey.renamed' }),
      expect.objectContaining({ name: 'auth.passkey.login-succeeded', factor: 'first' }),
      expect.objectContaining({ name: 'auth.passkey.login-failed', reason: 'challenge_unknown' }),
      expect.objectContaining({ name: 'auth.passkey.clone-suspected', storedCounter: 1 }),
      expect.objectContaining({ name: 'auth.passkey.login-failed', reason: 'clone_suspected' }),
      expect.objectContaining({ name: 'auth.passkey.deleted' }),
    ]);
  });

  it('never carries a password, a token or a hash in any payload', () => {
    // The OIDC events need a provider: test/oidc.e2e-spec.ts checks those against a real one.
    const expected = Object.values(AUTH_EVENTS).filter((name) => !name.startsWith('auth.oidc.'));
    expect(new Set(audit.all.map((e) => e.name))).toEqual(new Set(expected));
    const all = JSON.stringify(audit.all);
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/\$2[aby]\$|\$argon2/);
  });
});
