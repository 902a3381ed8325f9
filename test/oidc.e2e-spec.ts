import { createServer, type Server } from 'node:http';
import { Secret, TOTP } from 'otpauth';
import type { AddressInfo } from 'node:net';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AUTH_EVENTS, AuthClock, type AuthEvent } from '../packages/nest-auth/src';
import { runServiceChecks } from '@lexigram/nest-auth/cli';
import { authCliHost } from '../src/cli/auth-cli-host';
import { CookieHttpClient } from './support/cookie-http-client';
import { FakeClock } from './support/fake-clock';
import {
  type RunningProvider,
  startOidcProvider,
} from './support/oidc-provider/start-oidc-provider';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'test-client-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const ACCOUNTS = {
  alice: { email: 'alice@example.com', email_verified: true },
  bob: { email: 'bob@example.com', email_verified: false },
  carol: { email: 'carol@example.com', email_verified: true },
  dave7: { email: 'dave@example.com', email_verified: false },
  erin: { email: 'erin@example.com', email_verified: true },
  frank: { email: 'frank@example.com', email_verified: true },
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Serves the real provider's discovery document under another issuer: an issuer mix-up. */
async function startMixUpIssuer(realIssuer: string): Promise<{ issuer: string; server: Server }> {
  const server = createServer((_req, res) => {
    void fetch(`${realIssuer}/.well-known/openid-configuration`)
      .then((r) => r.json() as Promise<Record<string, unknown>>)
      .then((doc) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...doc, issuer }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, server };
}

describe('OpenID Connect sign-in against a real provider (oidc-provider on loopback)', () => {
  let provider: RunningProvider;
  let mixUp: { issuer: string; server: Server };
  let testApp: TestApp;
  let app: string;
  let providers: Record<string, unknown>[];
  const oidcEvents: AuthEvent[] = [];
  /** Every login code and token this suite saw: none may reach an audit event. */
  const secrets: string[] = [SECRET];
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    const redirect = (id: string) => [`${app}/auth/oidc/${id}/callback`];
    provider = await startOidcProvider(
      [
        { client_id: 'app', client_secret: SECRET, redirect_uris: redirect('idp') },
        { client_id: 'app-gh', client_secret: SECRET, redirect_uris: redirect('github') },
        { client_id: 'app-mixup', client_secret: SECRET, redirect_uris: redirect('mixup') },
      ],
      ACCOUNTS,
    );
    mixUp = await startMixUpIssuer(provider.issuer);
    providers = [
      {
        id: 'idp',
        display_name: 'Test IdP',
        issuer: provider.issuer,
        client_id: 'app',
        client_secret: SECRET,
      },
      {
        id: 'github',
        display_name: 'GitHub-style',
        authorization_endpoint: `${provider.issuer}/auth`,
        token_endpoint: `${provider.issuer}/token`,
        userinfo_endpoint: `${provider.issuer}/github/user`,
        client_id: 'app-gh',
        client_secret: SECRET,
        scopes: ['openid', 'email'],
        claims: { subject: 'id', email: 'email', email_verified: null },
        account_creation: 'allowed',
      },
      {
        id: 'mixup',
        display_name: 'Mix-up',
        issuer: mixUp.issuer,
        client_id: 'app-mixup',
        client_secret: SECRET,
      },
    ];
    testApp = await startTestApp({
      env: {
        LEX_AUTH__STORE: 'database',
        LEX_AUTH__OIDC__PROVIDERS: JSON.stringify(providers),
        LEX_AUTH__OIDC__REDIRECT_BASE_URL: app,
        LEX_AUTH__OIDC__POST_LOGIN_URL: `${app}/signed-in`,
        LEX_AUTH__OIDC__STATE_TTL_SECONDS: '60',
      },
      override: (b) => b.overrideProvider(AuthClock).useValue({ now: clock.now }),
    });
    await testApp.app.listen(port, '127.0.0.1');
    testApp.app.get(EventEmitter2).onAny((name: string | string[], event: unknown) => {
      if (String(name).startsWith('auth.oidc.')) oidcEvents.push(event as AuthEvent);
    });
    for (const email of ['bob@example.com', 'carol@example.com']) {
      await testApp.http.post('/auth/register').send({ email, password: PASSWORD }).expect(201);
    }
  });

  afterAll(async () => {
    await testApp?.close();
    await provider?.stop();
    mixUp?.server.close();
  });

  /** Our authorize route's 302: the provider URL, with the state cookie now in `browser`. */
  async function authorizeUrl(browser: CookieHttpClient, id = 'idp', query = ''): Promise<URL> {
    const answer = await browser.get(`${app}/auth/oidc/${id}/authorize${query}`);
    expect(answer.status).toBe(302);
    return new URL(answer.location!);
  }

  /** Drives the provider: signs `account` in, grants consent, returns the redirect back to us. */
  async function atProvider(browser: CookieHttpClient, url: URL, account: string): Promise<URL> {
    const answer = await browser.followWithin(provider.issuer, url.href, (next) => {
      if (next.pathname.startsWith('/interaction/')) next.searchParams.set('account', account);
      return next;
    });
    expect(answer.location).not.toBeNull();
    return new URL(answer.location!, provider.issuer);
  }

  /** The whole round trip; returns where our callback sent the browser. */
  async function signIn(
    account: string,
    id = 'idp',
    browser = new CookieHttpClient(),
  ): Promise<URL> {
    const back = await atProvider(browser, await authorizeUrl(browser, id), account);
    expect(back.origin).toBe(app);
    const answer = await browser.get(back.href);
    expect(answer.status).toBe(302);
    return new URL(answer.location!);
  }

  function exchange(code: string) {
    secrets.push(code);
    return testApp.http.post('/auth/oidc/token').send({ code });
  }

  it('doctor reads each discovery document and fails a provider it cannot reach', async () => {
    const unreachable = { id: 'gone', display_name: 'Gone', issuer: 'http://127.0.0.1:9' };
    const findings = await runServiceChecks(authCliHost, {
      LEX_ENV: 'test',
      LEX_AUTH__OIDC__PROVIDERS: JSON.stringify([
        ...providers,
        { ...unreachable, client_id: 'x', client_secret: SECRET },
      ]),
      LEX_AUTH__OIDC__DISCOVERY_TIMEOUT_SECONDS: '2',
    });

    expect(findings.filter((f) => f.check.startsWith('oidc'))).toEqual([
      {
        check: 'oidc provider idp',
        status: 'ok',
        message: expect.stringContaining(provider.issuer),
      },
      expect.objectContaining({ check: 'oidc provider github', status: 'ok' }),
      // Its document is consistent with its own issuer: the mix-up shows only in the ID token.
      expect.objectContaining({ check: 'oidc provider mixup', status: 'ok' }),
      expect.objectContaining({
        check: 'oidc provider gone',
        status: 'fail',
        message: expect.stringContaining('http://127.0.0.1:9'),
        fix: expect.stringContaining('issuer URL'),
      }),
    ]);
  });

  it('lists the configured providers for the sign-in buttons', async () => {
    const res = await testApp.http.get('/auth/oidc/providers').expect(200);
    expect(res.body.providers).toEqual([
      { id: 'idp', displayName: 'Test IdP', authorizePath: '/auth/oidc/idp/authorize' },
      { id: 'github', displayName: 'GitHub-style', authorizePath: '/auth/oidc/github/authorize' },
      { id: 'mixup', displayName: 'Mix-up', authorizePath: '/auth/oidc/mixup/authorize' },
    ]);
  });

  it('sends PKCE S256, state and nonce, and sets an HttpOnly state cookie', async () => {
    const browser = new CookieHttpClient();
    const answer = await browser.get(`${app}/auth/oidc/idp/authorize`);
    const url = new URL(answer.location!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${app}/auth/oidc/idp/callback`);
    expect(browser.cookie(app, 'lex_oidc_state')).toBe(url.searchParams.get('state'));
  });

  it('signs a verified new user in: login code on the return page, exchanged once for tokens', async () => {
    const back = await signIn('alice');
    expect(`${back.origin}${back.pathname}`).toBe(`${app}/signed-in`);
    const code = back.searchParams.get('login_code')!;
    const first = await exchange(code).expect(200);
    expect(first.body).toEqual(expect.objectContaining({ access_token: expect.any(String) }));
    const me = await testApp.http
      .get('/auth/me')
      .set('Authorization', `Bearer ${first.body.access_token}`);
    expect(me.body.email).toBe('alice@example.com');
    const replay = await exchange(code).expect(400);
    expect(replay.body).toEqual(
      expect.objectContaining({ statusCode: 400, error: expect.any(String) }),
    );
    const again = await signIn('alice');
    const second = await exchange(again.searchParams.get('login_code')!).expect(200);
    const me2 = await testApp.http
      .get('/auth/me')
      .set('Authorization', `Bearer ${second.body.access_token}`);
    expect(me2.body.id).toBe(me.body.id);
  });

  it('refuses a replayed callback (state and code already spent)', async () => {
    const browser = new CookieHttpClient();
    const back = await atProvider(browser, await authorizeUrl(browser), 'alice');
    const state = browser.cookie(app, 'lex_oidc_state')!;
    expect((await browser.get(back.href)).location).toContain('login_code=');
    browser.setCookie(app, 'lex_oidc_state', state);
    const replay = await browser.get(back.href);
    expect(new URL(replay.location!).searchParams.get('oidc_error')).toBe('invalid_state');
  });

  it('refuses a state that is not the one this browser started (cookie mismatch)', async () => {
    const victim = new CookieHttpClient();
    const attacker = new CookieHttpClient();
    const back = await atProvider(attacker, await authorizeUrl(attacker), 'alice');
    await authorizeUrl(victim);
    const answer = await victim.get(back.href);
    expect(new URL(answer.location!).searchParams.get('oidc_error')).toBe('invalid_state');
    const noCookie = await new CookieHttpClient().get(back.href);
    expect(new URL(noCookie.location!).searchParams.get('oidc_error')).toBe('invalid_state');
  });

  it('refuses a wrong state value even with a matching cookie', async () => {
    const browser = new CookieHttpClient();
    const back = await atProvider(browser, await authorizeUrl(browser), 'alice');
    const forged = 'A'.repeat(43);
    back.searchParams.set('state', forged);
    browser.setCookie(app, 'lex_oidc_state', forged);
    const answer = await browser.get(back.href);
    expect(new URL(answer.location!).searchParams.get('oidc_error')).toBe('invalid_state');
  });

  it('gets no code when PKCE is stripped from the request: the provider requires it', async () => {
    const browser = new CookieHttpClient();
    const url = await authorizeUrl(browser);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const back = await atProvider(browser, url, 'alice');
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('invalid_request');
    const answer = await browser.get(back.href);
    expect(new URL(answer.location!).searchParams.get('oidc_error')).toBe('provider_error');
  });

  it('refuses an ID token whose nonce is not the one we sent', async () => {
    const browser = new CookieHttpClient();
    const url = await authorizeUrl(browser);
    url.searchParams.set('nonce', 'n'.repeat(43));
    const back = await atProvider(browser, url, 'alice');
    expect(back.searchParams.get('code')).not.toBeNull();
    const answer = await browser.get(back.href);
    expect(new URL(answer.location!).searchParams.get('oidc_error')).toBe('invalid_response');
  });

  it('refuses an ID token from another issuer than the configured one (mix-up)', async () => {
    const back = await signIn('erin', 'mixup');
    expect(back.searchParams.get('oidc_error')).toBe('invalid_response');
    expect(back.searchParams.get('login_code')).toBeNull();
  });

  it('refuses a code issued to another client (another audience)', async () => {
    const browser = new CookieHttpClient();
    const ours = await authorizeUrl(browser, 'idp');
    const other = new URL(ours);
    other.searchParams.set('client_id', 'app-gh');
    other.searchParams.set('redirect_uri', `${app}/auth/oidc/github/callback`);
    const back = await atProvider(browser, other, 'alice');
    const injected = new URL(`${app}/auth/oidc/idp/callback`);
    injected.search = back.search;
    const answer = await browser.get(injected.href);
    expect(new URL(answer.location!).searchParams.get('oidc_error')).toBe('invalid_response');
  });

  it('never redirects to a tampered redirect_uri', async () => {
    const browser = new CookieHttpClient();
    const url = await authorizeUrl(browser);
    url.searchParams.set('redirect_uri', `${app}/auth/oidc/idp/callback/../../evil`);
    const answer = await browser.get(url.href);
    expect(answer.status).toBe(400);
    expect(answer.location).toBeNull();
  });

  it('never lets an unverified provider email take over an existing account', async () => {
    const back = await signIn('bob');
    expect(back.searchParams.get('oidc_error')).toBe('account_conflict');
    const login = await testApp.http
      .post('/auth/login')
      .send({ email: 'bob@example.com', password: PASSWORD });
    const identities = await testApp.http
      .get('/auth/identities')
      .set('Authorization', `Bearer ${login.body.access_token}`)
      .expect(200);
    expect(identities.body.identities).toEqual([]);
  });

  it('does not join a verified email to an existing account unless link_by_verified_email is on', async () => {
    const back = await signIn('carol');
    expect(back.searchParams.get('oidc_error')).toBe('account_conflict');
  });

  it('links a provider to a signed-in account, then signs in through it; unlinks (password remains)', async () => {
    const login = await testApp.http
      .post('/auth/login')
      .send({ email: 'carol@example.com', password: PASSWORD });
    const bearer = { Authorization: `Bearer ${login.body.access_token}` };
    const browser = new CookieHttpClient();
    const started = await browser.post(
      `${app}/auth/oidc/idp/link`,
      { redirect: '/settings' },
      bearer,
    );
    expect(started.status).toBe(200);
    const back = await atProvider(
      browser,
      new URL(JSON.parse(started.body).authorizationUrl),
      'carol',
    );
    const done = new URL((await browser.get(back.href)).location!);
    expect(done.pathname).toBe('/settings');
    expect(done.searchParams.get('oidc_linked')).toBe('idp');
    const signedIn = await signIn('carol');
    const pair = await exchange(signedIn.searchParams.get('login_code')!).expect(200);
    const me = await testApp.http
      .get('/auth/me')
      .set('Authorization', `Bearer ${pair.body.access_token}`);
    expect(me.body.email).toBe('carol@example.com');
    const list = await testApp.http.get('/auth/identities').set(bearer).expect(200);
    expect(list.body.identities).toHaveLength(1);
    await testApp.http
      .delete(`/auth/identities/${list.body.identities[0].id}`)
      .set(bearer)
      .expect(204);
  });

  it('asks for the second factor after a provider sign-in when the account has MFA on', async () => {
    await testApp.http
      .post('/auth/register')
      .send({ email: 'frank@example.com', password: PASSWORD });
    const login = await testApp.http
      .post('/auth/login')
      .send({ email: 'frank@example.com', password: PASSWORD })
      .expect(200);
    const bearer = { Authorization: `Bearer ${login.body.access_token}` };
    const browser = new CookieHttpClient();
    const started = await browser.post(`${app}/auth/oidc/idp/link`, {}, bearer);
    const back = await atProvider(
      browser,
      new URL(JSON.parse(started.body).authorizationUrl),
      'frank',
    );
    await browser.get(back.href);
    const enrol = await testApp.http.post('/auth/mfa/totp').set(bearer).expect(201);
    const totp = new TOTP({ secret: Secret.fromBase32(enrol.body.secret as string) });
    await testApp.http
      .post('/auth/mfa/totp/confirm')
      .set(bearer)
      .send({ password: PASSWORD, code: totp.generate({ timestamp: clock.now() }) })
      .expect(200);
    clock.advanceSeconds(30);

    const signedIn = await signIn('frank');
    const refused = await exchange(signedIn.searchParams.get('login_code')!).expect(401);
    expect(refused.body).toMatchObject({ error: 'MfaRequiredError' });
    const pair = await testApp.http
      .post('/auth/mfa/verify')
      .send({
        challenge: refused.body.mfaChallenge,
        code: totp.generate({ timestamp: clock.now() }),
      })
      .expect(200);
    expect(pair.body).toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses linking an identity that already belongs to another account', async () => {
    const login = await testApp.http
      .post('/auth/login')
      .send({ email: 'bob@example.com', password: PASSWORD });
    const browser = new CookieHttpClient();
    const started = await browser.post(
      `${app}/auth/oidc/idp/link`,
      {},
      {
        Authorization: `Bearer ${login.body.access_token}`,
      },
    );
    const back = await atProvider(
      browser,
      new URL(JSON.parse(started.body).authorizationUrl),
      'alice',
    );
    const done = new URL((await browser.get(back.href)).location!);
    expect(done.searchParams.get('oidc_error')).toBe('identity_linked_elsewhere');
  });

  it('signs in through a plain OAuth 2.0 provider (GitHub-style userinfo); the account has no password', async () => {
    const back = await signIn('dave7', 'github');
    const pair = await exchange(back.searchParams.get('login_code')!).expect(200);
    const bearer = { Authorization: `Bearer ${pair.body.access_token}` };
    const me = await testApp.http.get('/auth/me').set(bearer).expect(200);
    expect(me.body.email).toBe('dave@example.com');
    const list = await testApp.http.get('/auth/identities').set(bearer).expect(200);
    expect(list.body.identities).toEqual([
      expect.objectContaining({ provider: 'github', subject: '7', email: 'dave@example.com' }),
    ]);
    await testApp.http
      .post('/auth/login')
      .send({ email: 'dave@example.com', password: PASSWORD })
      .expect(401);
    const last = await testApp.http
      .delete(`/auth/identities/${list.body.identities[0].id}`)
      .set(bearer);
    expect(last.status).toBe(409);
  });

  it('answers 404 JSON for an unknown provider and 400 for a malformed token request', async () => {
    const res = await testApp.http.get('/auth/oidc/nope/authorize').expect(404);
    expect(res.body).toEqual(
      expect.objectContaining({ statusCode: 404, error: expect.any(String) }),
    );
    await testApp.http.post('/auth/oidc/token').send({ code: 42 }).expect(400);
  });

  // Last: it moves the app's clock past the state's lifetime.
  it('refuses a sign-in whose state expired', async () => {
    const browser = new CookieHttpClient();
    const back = await atProvider(browser, await authorizeUrl(browser), 'alice');
    clock.advanceSeconds(61);
    const answer = await browser.get(back.href);
    expect(new URL(answer.location!).searchParams.get('oidc_error')).toBe('invalid_state');
  });

  it('published every OIDC audit event, none carrying a login code or a client secret', () => {
    expect(new Set(oidcEvents.map((e) => e.name))).toEqual(
      new Set(Object.values(AUTH_EVENTS).filter((name) => name.startsWith('auth.oidc.'))),
    );
    const all = JSON.stringify(oidcEvents);
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/eyJ[\w-]+\./);
  });
});
