import { TOTP, URI } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { AuthClock, InvalidPasskeyError } from '../packages/nest-auth/src';
import { PAGES_CSP } from '../src/pages/page-headers';
import { REFRESH_COOKIE } from '../src/pages/refresh-cookie';
import { startAppWithSmtp } from './support/app-with-smtp';
import { bearer, PASSWORD } from './support/auth-client';
import { decodeQrPng } from './support/decode-qr';
import {
  addVirtualAuthenticator,
  alertText,
  freeLoopbackPort,
  launchChromium,
  newDevice,
  PHONE,
  screenshot,
} from './support/pages-browser';
import type { SmtpTestServer } from './support/smtp-test-server';
import type { TestApp } from './support/test-app';

const NEW_PASSWORD = 'a whole new passphrase for lexigram';
const ROLES = { member: { permissions: ['posts.read', 'users.read'] } };
// The links point elsewhere on purpose: the test opens their path and query on its own origin.
const LINK_BASE = 'https://pages.example.test';
const PAGES = [
  'sign-in',
  'register',
  'forgot-password',
  'reset-password',
  'verify-email',
  'account',
];

/** Real time plus an offset the test moves forward, so a second TOTP code is a new step. */
class MovableClock {
  private offset = 0;
  readonly now = (): number => Date.now() + this.offset;
  nextTotpStep(): void {
    this.offset += 30_000;
  }
}

interface Walk {
  smtp: SmtpTestServer;
  t: TestApp;
  /** `http://localhost:<port>`: rp_id and the Secure cookie both want `localhost`. */
  base: string;
  close(): Promise<void>;
}

async function startWalk(
  adapter: 'fastify' | 'express',
  clock: MovableClock,
  env: Record<string, string> = {},
): Promise<Walk> {
  // The port is chosen first: the passkeys' allowed origin names it.
  const port = await freeLoopbackPort();
  const base = `http://localhost:${port}`;
  const { smtp, t, close } = await startAppWithSmtp({
    adapter,
    env: {
      LEX_AUTH__MAIL__LINK_BASE_URL: LINK_BASE,
      LEX_AUTH__REQUIRE_VERIFIED_EMAIL: 'true',
      LEX_AUTH__MAIL__RATE_LIMIT: '100000/hour',
      LEX_AUTH__ROLES: JSON.stringify(ROLES),
      LEX_AUTH__DEFAULT_ROLES: 'member',
      LEX_AUTH__PASSKEYS__RP_ID: 'localhost',
      LEX_AUTH__PASSKEYS__ORIGINS: base,
      ...env,
    },
    override: (b) => b.overrideProvider(AuthClock).useValue({ now: clock.now }),
  });
  await t.app.listen(port, '127.0.0.1');
  return { smtp, t, base, close };
}

/** The path and query of an emailed link, on the test's own origin. */
async function followLink(page: Page, walk: Walk, email: string, path: string): Promise<void> {
  const mail = await walk.smtp.waitFor(email);
  const link = new URL(mail.link!);
  expect(`${link.origin}${link.pathname}`).toBe(`${LINK_BASE}${path}`);
  await page.goto(`${walk.base}${link.pathname}${link.search}`);
}

async function registerAndVerify(
  page: Page,
  walk: Walk,
  email: string,
  beforeVerify?: () => Promise<void>,
): Promise<void> {
  await page.goto(`${walk.base}/register`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  expect(await alertText(page, '#done')).toContain(`Account created for ${email}`);
  await screenshot(page, `register-${walk.t.app.getHttpAdapter().getType()}`);
  await beforeVerify?.();

  await followLink(page, walk, email, '/verify-email');
  await expect(alertText(page, '#status')).resolves.toContain('is verified');
  // The one-time token left the address bar (and so the history) at once.
  expect(new URL(page.url()).search).toBe('');
}

async function signInWithPassword(page: Page, base: string, email: string, password = PASSWORD) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function accountReady(page: Page): Promise<void> {
  await page.waitForURL(/\/account$/);
  await page.locator('body[data-ready="true"]').waitFor();
}

describe('The pages in headless Chromium, on Fastify (the default)', () => {
  const clock = new MovableClock();
  let walk: Walk;
  let browser: Browser;

  beforeAll(async () => {
    walk = await startWalk('fastify', clock);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await walk?.close();
  });

  it('serves every page with the strict CSP, no inline script, and nothing the CSP refuses', async () => {
    const { context, page, violations } = await newDevice(browser);
    for (const path of PAGES) {
      const response = await page.goto(`${walk.base}/${path}`);
      expect(response?.status()).toBe(200);
      const headers = response!.headers();
      expect(headers['content-security-policy']).toBe(PAGES_CSP);
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['cache-control']).toBe('no-store');
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(await page.locator('[style]').count()).toBe(0);
    }
    // The account page without a session goes to sign-in.
    await page.waitForURL(/\/sign-in$/);
    expect(violations).toEqual([]);
    await context.close();

    // The API document has the JSON session routes, not the HTML ones (on purpose).
    const paths = Object.keys(
      ((await walk.t.http.get('/docs-json')).body as { paths: object }).paths,
    );
    expect(paths).toEqual(
      expect.arrayContaining(['/pages/session/login', '/pages/session/refresh']),
    );
    expect(
      paths.filter((p) => PAGES.includes(p.slice(1)) || p.startsWith('/pages/assets')),
    ).toEqual([]);
  });

  it('walks register → verify → sign in → TOTP from the QR image → sign in with a code → API key → reset → sessions gone', async () => {
    const email = 'walker@example.com';
    const phone = await newDevice(browser);
    const { page } = phone;
    await registerAndVerify(page, walk, email);
    await screenshot(page, 'verify-email');

    // Signing in before verification would be refused; now it goes through.
    await signInWithPassword(page, walk.base, email);
    await accountReady(page);
    await expect(page.locator('#profile-email').textContent()).resolves.toBe(email);
    await screenshot(page, 'account');

    // The refresh token is in an HttpOnly, Secure, SameSite=Strict cookie sent only to /pages/session.
    const cookies = await phone.context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      name: REFRESH_COOKIE,
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/pages/session',
    });
    // Browser-side code, as a string: this project's TypeScript has no DOM types.
    const stored = await page.evaluate(
      '({ cookie: document.cookie, local: localStorage.length, session: sessionStorage.length })',
    );
    expect(stored).toEqual({ cookie: '', local: 0, session: 0 });

    // TOTP: the secret is read from the QR image itself.
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.locator('#mfa-qr');
    await qr.waitFor({ state: 'visible' });
    const otpauth = decodeQrPng((await qr.getAttribute('src'))!);
    expect(otpauth).toMatch(/^otpauth:\/\/totp\/Lexigram:walker%40example\.com\?/);
    const totp = URI.parse(otpauth!) as TOTP;
    await screenshot(page, 'account-mfa-enrol');
    const enrolForm = page.locator('#mfa-confirm-form');
    await enrolForm.getByLabel('Password').fill(PASSWORD);
    await enrolForm.getByLabel('Code from the app').fill(totp.generate({ timestamp: clock.now() }));
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await page.locator('#mfa-codes').waitFor({ state: 'visible' });
    const recoveryCodes = await page.locator('#mfa-codes-list code').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await screenshot(page, 'account-mfa-recovery-codes');
    await page.getByRole('button', { name: 'I saved them: sign in again' }).click();
    await page.waitForURL(/\/sign-in$/);
    expect(await alertText(page, '#notice')).toContain('Two-factor authentication is on');

    // Sign in with the password, then a fresh code.
    clock.nextTotpStep();
    await signInWithPassword(page, walk.base, email);
    await page.locator('#mfa-form').waitFor({ state: 'visible' });
    await expect(
      page.evaluate('document.activeElement && document.activeElement.id'),
    ).resolves.toBe('code');
    await page.getByLabel('Authentication code or recovery code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await alertText(page, '#error')).toBe('The code is wrong, expired or was already used.');
    await screenshot(page, 'sign-in-mfa-error');
    await page
      .getByLabel('Authentication code or recovery code')
      .fill(totp.generate({ timestamp: clock.now() }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await accountReady(page);
    await expect(page.locator('#mfa-state').textContent()).resolves.toContain(
      'Recovery codes left: 10',
    );

    // An API key, shown once, that works; then revoked, it does not.
    await page.getByLabel('Name', { exact: true }).fill('deploy bot');
    await page.getByLabel('Scopes').fill('posts.read, users.read');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await alertText(page, '#api-key-created-value')).trim();
    expect(key).toMatch(/^lex_/);
    await page.locator('#api-keys-list li[data-api-key]').waitFor();
    await screenshot(page, 'account-api-key-created');
    await walk.t.http.get('/whoami').set('X-API-Key', key).expect(200);
    await page.getByRole('button', { name: 'Revoke deploy bot' }).click();
    await page.locator('#api-keys-list li[data-api-key]').waitFor({ state: 'detached' });
    await walk.t.http.get('/whoami').set('X-API-Key', key).expect(401);

    // A second device, signed in with a recovery code, shows in the sessions list.
    const laptop = await newDevice(browser, { width: 1280, height: 900 });
    await signInWithPassword(laptop.page, walk.base, email);
    await laptop.page.getByLabel('Authentication code or recovery code').fill(recoveryCodes[0]);
    await laptop.page.getByRole('button', { name: 'Verify' }).click();
    await accountReady(laptop.page);
    await screenshot(laptop.page, 'account-desktop');
    await page.reload();
    await accountReady(page);
    await expect(page.locator('#sessions-list li').count()).resolves.toBe(2);
    await expect(page.locator('#sessions-list .badge').count()).resolves.toBe(1);

    // Sign out this device: the cookie is gone and the account page sends back to sign-in.
    await page.getByRole('button', { name: 'Sign out this device' }).click();
    await page.waitForURL(/\/sign-in$/);
    expect(await alertText(page, '#notice')).toBe('You are signed out on this device.');
    await screenshot(page, 'sign-in-signed-out');
    expect(await phone.context.cookies()).toEqual([]);

    // Forgot password → the emailed link → a new password; every session ends.
    await page.goto(`${walk.base}/forgot-password`);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    expect(await alertText(page, '#done')).toContain('email');
    await screenshot(page, 'forgot-password');
    await followLink(page, walk, email, '/reset-password');
    expect(new URL(page.url()).search).toBe('');
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    expect(await alertText(page, '#error')).toContain('Use at least 12 characters.');
    await screenshot(page, 'reset-password-error');
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    expect(await alertText(page, '#done')).toContain('every session was signed out');
    await screenshot(page, 'reset-password');

    // The laptop's session is gone: its next page load goes to sign-in.
    await laptop.page.reload();
    await laptop.page.waitForURL(/\/sign-in$/);
    await laptop.context.close();

    // The old password is refused with the API's message; the new one (and a code) works.
    await signInWithPassword(page, walk.base, email);
    expect(await alertText(page, '#error')).toBe('Invalid email or password.');
    await screenshot(page, 'sign-in-error');
    clock.nextTotpStep();
    await signInWithPassword(page, walk.base, email, NEW_PASSWORD);
    await page
      .getByLabel('Authentication code or recovery code')
      .fill(totp.generate({ timestamp: clock.now() }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await accountReady(page);
    await expect(page.locator('#sessions-list li').count()).resolves.toBe(1);
    expect(phone.violations).toEqual([]);
    await phone.context.close();
  });

  it('keeps the JSON API cookie-free and refuses cross-site requests to the session routes', async () => {
    const email = 'csrf@example.com';
    const { context, page } = await newDevice(browser);
    await registerAndVerify(page, walk, email);
    await signInWithPassword(page, walk.base, email);
    await accountReady(page);
    const [cookie] = await context.cookies();
    const cookieHeader = `${cookie.name}=${cookie.value}`;
    const sessionPost = (headers: Record<string, string>) =>
      fetch(`${walk.base}/pages/session/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookieHeader, ...headers },
        body: '{}',
      });
    const sameSite = { Origin: walk.base, 'X-Lexigram-Pages': '1' };

    const refusedHeaders: Record<string, string>[] = [
      { ...sameSite, Origin: 'https://evil.example' },
      { ...sameSite, Origin: 'null' },
      { Origin: walk.base },
      { ...sameSite, 'Sec-Fetch-Site': 'cross-site' },
      { 'X-Lexigram-Pages': '1' },
    ];
    for (const headers of refusedHeaders) {
      const refused = await sessionPost(headers);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({
        statusCode: 403,
        error: 'CrossSiteRequestError',
      });
    }

    // In the browser: a page of another origin cannot send the header (no CORS preflight passes).
    const other = walk.base.replace('localhost', '127.0.0.1');
    await page.goto(`${other}/sign-in`);
    const crossOrigin = await page.evaluate(async (target) => {
      try {
        const r = await fetch(`${target}/pages/session/refresh`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-Lexigram-Pages': '1' },
          body: '{}',
        });
        return `answered ${r.status}`;
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    }, walk.base);
    expect(crossOrigin).toBe('refused: TypeError');

    // No JSON API route reads the cookie: it does not authenticate and is no refresh token.
    const me = await fetch(`${walk.base}/auth/me`, { headers: { Cookie: cookieHeader } });
    expect(me.status).toBe(401);
    const refresh = await fetch(`${walk.base}/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookieHeader },
      body: '{}',
    });
    expect(refresh.status).toBe(400);

    // The cookie, from the pages themselves, still works after all those refusals.
    const ok = await sessionPost(sameSite);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(ok.headers.get('set-cookie')).toMatch(
      new RegExp(
        `^${REFRESH_COOKIE}=[^;]+; Max-Age=\\d+; Path=/pages/session; HttpOnly; Secure; SameSite=Strict$`,
      ),
    );
    // Spent by that rotation: presenting it again is reuse, which ends the session.
    expect((await sessionPost(sameSite)).status).toBe(401);
    await context.close();
  });
});

describe('The passkeys panel and passkey sign-in, with a virtual authenticator', () => {
  const clock = new MovableClock();
  let walk: Walk;
  let browser: Browser;

  beforeAll(async () => {
    walk = await startWalk('fastify', clock);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await walk?.close();
  });

  it('adds, renames, signs in with (first and second factor) and deletes a passkey', async () => {
    const email = 'passkey@example.com';
    const { context, page, violations } = await newDevice(browser);
    await addVirtualAuthenticator(page);
    await registerAndVerify(page, walk, email);
    await signInWithPassword(page, walk.base, email);
    await accountReady(page);

    // Add one from the account page, then rename it.
    const panel = page.locator('#passkeys');
    await panel.waitFor({ state: 'visible' });
    await expect(alertText(page, '#passkeys-list')).resolves.toBe('No passkeys yet.');
    await panel.getByLabel('Name (optional)').fill('Work laptop');
    await panel.getByRole('button', { name: 'Add a passkey' }).click();
    expect(await alertText(page, '#passkeys-ok')).toBe('Passkey "Work laptop" added.');
    await page.locator('#passkeys-list li[data-passkey]').waitFor();
    await panel.getByRole('button', { name: 'Rename Work laptop' }).click();
    await panel.getByLabel('New name for Work laptop').fill('Phone');
    await panel.getByRole('button', { name: 'Save' }).click();
    expect(await alertText(page, '#passkeys-ok')).toBe('Passkey renamed to "Phone".');
    await expect(
      page.locator('#passkeys-list li[data-passkey] strong').textContent(),
    ).resolves.toBe('Phone');
    await screenshot(page, 'account-passkeys');

    // Signed out, the passkey alone signs in (no email typed).
    await page.getByRole('button', { name: 'Sign out this device' }).click();
    await page.waitForURL(/\/sign-in$/);
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await accountReady(page);
    await expect(page.locator('#profile-email').textContent()).resolves.toBe(email);
    await expect(page.locator('#passkeys-list .item-meta').textContent()).resolves.not.toMatch(
      /last used never/,
    );

    // With TOTP on, the MFA step offers the passkey instead of a code.
    const pair = (
      await walk.t.http.post('/auth/login').send({ email, password: PASSWORD }).expect(200)
    ).body as { access_token: string };
    const { secret } = (
      await walk.t.http.post('/auth/mfa/totp').set(bearer(pair.access_token)).expect(201)
    ).body as { secret: string };
    const code = new TOTP({ secret }).generate({ timestamp: clock.now() });
    await walk.t.http
      .post('/auth/mfa/totp/confirm')
      .set(bearer(pair.access_token))
      .send({ password: PASSWORD, code })
      .expect(200);
    await signInWithPassword(page, walk.base, email);
    await page.locator('#mfa-form').waitFor({ state: 'visible' });
    await screenshot(page, 'sign-in-mfa-passkey');
    await page.getByRole('button', { name: 'Use a passkey instead' }).click();
    await accountReady(page);

    // Deleted, the same authenticator's passkey is refused with the API's message.
    await panel.getByRole('button', { name: 'Delete Phone' }).click();
    expect(await alertText(page, '#passkeys-ok')).toBe('Passkey "Phone" deleted.');
    await expect(alertText(page, '#passkeys-list')).resolves.toBe('No passkeys yet.');
    await page.getByRole('button', { name: 'Sign out this device' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    expect(await alertText(page, '#error')).toBe(new InvalidPasskeyError().message);
    await expect(page.locator('#notice').isHidden()).resolves.toBe(true);
    expect(page.url()).toMatch(/\/sign-in$/);
    await screenshot(page, 'sign-in-passkey-refused');
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('The pages on Express', () => {
  const clock = new MovableClock();
  let walk: Walk;
  let browser: Browser;

  beforeAll(async () => {
    // Passkeys off here: the pages must then offer none.
    walk = await startWalk('express', clock, { LEX_AUTH__PASSKEYS__ENABLED: 'false' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await walk?.close();
  });

  it('registers, verifies, signs in, shows the account and signs out everywhere', async () => {
    const email = 'express@example.com';
    const { context, page, violations } = await newDevice(browser, PHONE);
    const response = await page.goto(`${walk.base}/sign-in`);
    expect(response?.headers()['content-security-policy']).toBe(PAGES_CSP);
    await registerAndVerify(page, walk, email, async () => {
      // Before the link is followed, sign-in shows the API's refusal and the way to a new link.
      await signInWithPassword(page, walk.base, email);
      expect(await alertText(page, '#error')).toMatch(
        /^Verify your email address before logging in/,
      );
      await expect(
        page.getByRole('link', { name: 'Send a new verification link' }).count(),
      ).resolves.toBe(1);
      await screenshot(page, 'sign-in-unverified');
    });
    // By keyboard alone: the skip link first, then the fields in order, Enter submits.
    await page.goto(`${walk.base}/sign-in`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe(
      'Skip to content',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await accountReady(page);
    await expect(page.locator('#profile-email').textContent()).resolves.toBe(email);
    await screenshot(page, 'account-express');
    await expect(page.locator('#passkeys').isHidden()).resolves.toBe(true);
    await expect(page.locator('#nav-passkeys').isHidden()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL(/\/sign-in$/);
    expect(await alertText(page, '#notice')).toBe('You are signed out everywhere.');
    await expect(page.locator('#passkey-block').isHidden()).resolves.toBe(true);
    await page.goto(`${walk.base}/account`);
    await page.waitForURL(/\/sign-in$/);
    expect(violations).toEqual([]);
    await context.close();
  });
});
