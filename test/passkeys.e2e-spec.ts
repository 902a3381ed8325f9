import { EventEmitter2 } from '@nestjs/event-emitter';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import {
  AUTH_EVENTS,
  type AuthEvent,
  PasskeyStore,
  type TokenPair,
} from '../packages/nest-auth/src';
import { bearer, PASSWORD, registerAndLogin } from './support/auth-client';
import { PasskeyBrowser } from './support/passkey-browser';
import { startTestApp, type TestApp } from './support/test-app';

/** A loopback port nothing listens on (bound, then released), for the app's configured origin. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Another origin on the same host (rp_id `localhost` still matches): a look-alike site. */
async function otherOrigin(): Promise<{ url: string; server: Server }> {
  const server = createServer((_, res) => res.end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

type Json = Record<string, unknown>;

describe('Passkeys in headless Chromium with a virtual authenticator', () => {
  let t: TestApp;
  let origin: string;
  let browser: PasskeyBrowser;
  const events: AuthEvent[] = [];

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    t = await startTestApp({
      env: {
        LEX_AUTH__PASSKEYS__RP_ID: 'localhost',
        LEX_AUTH__PASSKEYS__ORIGINS: origin,
        // A role whose permission an API key can carry, for the 403 test.
        LEX_AUTH__ROLES: JSON.stringify({ member: { permissions: ['notes.read'] } }),
        LEX_AUTH__DEFAULT_ROLES: 'member',
      },
    });
    await t.app.listen(port, '127.0.0.1');
    t.app.get(EventEmitter2).onAny((_name: string | string[], event: AuthEvent) => {
      events.push(event);
    });
    // A page the app itself serves, so the ceremonies run on the app's origin.
    browser = await PasskeyBrowser.open(`${origin}/health/live`);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const registrationOptions = async (token: string) =>
    (await t.http.post('/auth/passkeys/registration/options').set(bearer(token)).expect(200))
      .body as Json;

  /** Registers a passkey for the user of `token` on the current authenticator. */
  async function registerPasskey(token: string, name?: string): Promise<Json> {
    const response = await browser.create(await registrationOptions(token));
    const res = await t.http
      .post('/auth/passkeys/registration/verify')
      .set(bearer(token))
      .send({ response, ...(name ? { name } : {}) })
      .expect(201);
    return res.body as Json;
  }

  const signInOptions = async (body: Json = {}) =>
    (await t.http.post('/auth/passkeys/authentication/options').send(body).expect(200))
      .body as Json & { challengeId: string };

  /** A usernameless ceremony: options, the browser's assertion, the body to verify. */
  async function assertion(page = browser): Promise<Json> {
    const options = await signInOptions();
    return { challengeId: options.challengeId, response: await page.get(options) };
  }

  const verifySignIn = (body: Json) =>
    t.http.post('/auth/passkeys/authentication/verify').send(body);

  /** Why the last passkey sign-in was refused (the client is told nothing). */
  const lastFailure = () =>
    (events.filter((e) => e.name === AUTH_EVENTS.passkeyLoginFailed).at(-1) as { reason?: string })
      ?.reason;

  it('registers a passkey, lists it, and signs the user in with it alone', async () => {
    const pair = await registerAndLogin(t.http, 'ada@example.com');
    const options = await registrationOptions(pair.access_token);
    expect(options).toMatchObject({
      rp: { id: 'localhost' },
      user: { name: 'ada@example.com' },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      excludeCredentials: [],
    });

    const created = await registerPasskey(pair.access_token, 'Laptop');
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Laptop',
      createdAt: expect.any(String),
      lastUsedAt: null,
      backedUp: false,
      deviceType: 'singleDevice',
      transports: ['internal'],
    });
    expect((await registrationOptions(pair.access_token)).excludeCredentials).toEqual([
      expect.objectContaining({ type: 'public-key' }),
    ]);

    const res = await verifySignIn(await assertion()).expect(200);
    const tokens = res.body as TokenPair;
    expect(tokens.token_type).toBe('Bearer');
    const me = await t.http.get('/auth/me').set(bearer(tokens.access_token)).expect(200);
    expect(me.body).toMatchObject({ email: 'ada@example.com' });
    const sessions = await t.http
      .get('/auth/sessions')
      .set(bearer(tokens.access_token))
      .expect(200);
    expect(JSON.stringify(sessions.body)).toContain('"current":true');

    const list = await t.http.get('/auth/passkeys').set(bearer(tokens.access_token)).expect(200);
    expect(list.body).toEqual({
      passkeys: [{ ...created, lastUsedAt: expect.any(String) }],
    });
    expect(events.map((e) => e.name)).toEqual(
      expect.arrayContaining([AUTH_EVENTS.passkeyRegistered, AUTH_EVENTS.passkeyLoginSucceeded]),
    );
  });

  it('refuses a replayed answer: the challenge is spent by the first', async () => {
    const body = await assertion();
    await verifySignIn(body).expect(200);
    const replay = await verifySignIn(body).expect(401);
    expect(lastFailure()).toBe('challenge_unknown');
    expect(replay.body).toMatchObject({ statusCode: 401, error: 'InvalidPasskeyError' });
  });

  it('refuses an answer made on another origin', async () => {
    const elsewhere = await otherOrigin();
    const copy = await PasskeyBrowser.open(elsewhere.url);
    try {
      for (const credential of await browser.credentials()) await copy.addCredential(credential);
      const options = await signInOptions();
      const response = await copy.get(options);
      expect(JSON.stringify(response)).not.toContain(Buffer.from(origin).toString('base64url'));

      await verifySignIn({ challengeId: options.challengeId, response }).expect(401);
      expect(lastFailure()).toBe('assertion_invalid');
    } finally {
      await copy.close();
      elsewhere.server.close();
    }
  });

  it('refuses an answer without user verification while it is required', async () => {
    const options = await signInOptions();
    await browser.setUserVerified(false);
    try {
      // A client that asks the authenticator not to verify the person.
      const response = await browser.get({ ...options, userVerification: 'discouraged' });
      await verifySignIn({ challengeId: options.challengeId, response }).expect(401);
      expect(lastFailure()).toBe('assertion_invalid');
    } finally {
      await browser.setUserVerified(true);
    }
    await verifySignIn(await assertion()).expect(200);
  });

  it('completes the MFA step of a password login with a passkey, listing it among the methods', async () => {
    const pair = await registerAndLogin(t.http, 'grace@example.com');
    const enrol = await t.http.post('/auth/mfa/totp').set(bearer(pair.access_token)).expect(201);
    const totp = new TOTP({ secret: Secret.fromBase32(enrol.body.secret as string) });
    const confirmed = await t.http
      .post('/auth/mfa/totp/confirm')
      .set(bearer(pair.access_token))
      .send({ password: PASSWORD, code: totp.generate() })
      .expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    const fresh = await passwordLoginChallenge('grace@example.com');
    expect(fresh.methods).toEqual(['totp']);
    const token = await mfaTokenFor('grace@example.com', fresh.mfaChallenge, totp);
    await browser.replaceAuthenticator();
    await registerPasskey(token, 'Phone');

    const refused = await passwordLoginChallenge('grace@example.com');
    expect(refused.methods).toEqual(['totp', 'passkey']);
    const options = await signInOptions({ mfaChallenge: refused.mfaChallenge });
    expect(options.allowCredentials).toHaveLength(1);
    const response = await browser.get(options);
    const res = await verifySignIn({ challengeId: options.challengeId, response }).expect(200);
    await t.http
      .get('/auth/me')
      .set(bearer((res.body as TokenPair).access_token))
      .expect(200);

    // The password login's challenge was spent: neither a code nor another passkey reuses it.
    await t.http
      .post('/auth/mfa/verify')
      .send({ challenge: refused.mfaChallenge, code: totp.generate() })
      .expect(401);
    await t.http
      .post('/auth/passkeys/authentication/options')
      .send({ mfaChallenge: refused.mfaChallenge })
      .expect(401);
  });

  async function passwordLoginChallenge(email: string) {
    const res = await t.http.post('/auth/login').send({ email, password: PASSWORD }).expect(401);
    expect(res.body.error).toBe('MfaRequiredError');
    return res.body as { mfaChallenge: string; methods: string[] };
  }

  async function mfaTokenFor(email: string, challenge: string, totp: TOTP): Promise<string> {
    // The confirm spent this step's code; the verifier takes the next step's (±1 step of drift).
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    const res = await t.http.post('/auth/mfa/verify').send({ challenge, code }).expect(200);
    return (res.body as TokenPair).access_token;
  }

  it('refuses a cloned credential whose counter is behind, audits it, and keeps the counter', async () => {
    const pair = await registerAndLogin(t.http, 'clone@example.com');
    await browser.replaceAuthenticator();
    await registerPasskey(pair.access_token);
    await verifySignIn(await assertion()).expect(200);
    const [original] = await browser.credentials();
    const store = t.app.get(PasskeyStore);
    // DevTools gives the id in base64; WebAuthn's JSON (and the store) in base64url.
    const credentialId = Buffer.from(original.credentialId, 'base64').toString('base64url');
    const stored = await store.findByCredentialId(credentialId);
    expect(stored!.counter).toBe(original.signCount);
    expect(stored!.counter).toBeGreaterThan(1);

    await browser.replaceAuthenticator();
    await browser.addCredential({ ...original, signCount: 0 });
    await verifySignIn(await assertion()).expect(401);

    expect(lastFailure()).toBe('clone_suspected');
    expect(events).toContainEqual(
      expect.objectContaining({
        name: AUTH_EVENTS.passkeyCloneSuspected,
        passkeyId: stored!.id,
        storedCounter: stored!.counter,
        presentedCounter: 1,
      }),
    );
    await expect(store.findByCredentialId(credentialId)).resolves.toMatchObject({
      counter: stored!.counter,
    });
  });

  it("renames and deletes a passkey; someone else's is 404; a deleted one signs nobody in", async () => {
    const pair = await registerAndLogin(t.http, 'linus@example.com');
    const other = await registerAndLogin(t.http, 'mallory@example.com');
    await browser.replaceAuthenticator();
    const created = await registerPasskey(pair.access_token);
    const path = `/auth/passkeys/${created.id as string}`;

    const renamed = await t.http
      .patch(path)
      .set(bearer(pair.access_token))
      .send({ name: 'YubiKey 5C' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: created.id, name: 'YubiKey 5C' });
    await t.http.patch(path).set(bearer(other.access_token)).send({ name: 'x' }).expect(404);
    await t.http.delete(path).set(bearer(other.access_token)).expect(404);

    const before = await assertion();
    await t.http.delete(path).set(bearer(pair.access_token)).expect(204);
    await t.http.delete(path).set(bearer(pair.access_token)).expect(404);
    const refused = await verifySignIn(before).expect(401);
    expect(refused.body.error).toBe('InvalidPasskeyError');
    expect(lastFailure()).toBe('credential_unknown');
    const list = await t.http.get('/auth/passkeys').set(bearer(pair.access_token)).expect(200);
    expect(list.body).toEqual({ passkeys: [] });
  });

  describe('over plain HTTP', () => {
    let token: string;
    beforeAll(async () => {
      token = (await registerAndLogin(t.http, 'plain@example.com')).access_token;
    });

    it.each([
      ['no body fields', {}],
      ['an unknown field', { challengeId: randomUUID(), response: {}, admin: true }],
      ['a challengeId that is no UUID', { challengeId: 'x', response: {} }],
      [
        'text that is not base64url',
        {
          challengeId: randomUUID(),
          response: {
            ...{ id: 'a+b', rawId: 'a+b', type: 'public-key', clientExtensionResults: {} },
            response: { clientDataJSON: '!', authenticatorData: '!', signature: '!' },
          },
        },
      ],
    ])('answers 400 to a sign-in with %s', async (_, body) => {
      const res = await verifySignIn(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'RequestValidationError' });
    });

    it('answers 400 to a malformed registration and to a bad name', async () => {
      const path = '/auth/passkeys/registration/verify';
      await t.http.post(path).set(bearer(token)).send({ response: 'x' }).expect(400);
      await t.http
        .patch(`/auth/passkeys/${randomUUID()}`)
        .set(bearer(token))
        .send({ name: '' })
        .expect(400);
    });

    it('answers 401 to an unknown challenge and to forged answer bytes', async () => {
      const forged = {
        ...{ id: 'AAAA', rawId: 'AAAA', type: 'public-key', clientExtensionResults: {} },
        response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' },
      };
      const unknown = await verifySignIn({ challengeId: randomUUID(), response: forged });
      expect(unknown.status).toBe(401);
      const { challengeId } = await signInOptions();
      await verifySignIn({ challengeId, response: forged }).expect(401);
    });

    it('answers 400 to a registration whose challenge was never issued', async () => {
      const forged = {
        ...{ id: 'AAAA', rawId: 'AAAA', type: 'public-key', clientExtensionResults: {} },
        response: { clientDataJSON: 'e30', attestationObject: 'AAAA' },
      };
      const res = await t.http
        .post('/auth/passkeys/registration/verify')
        .set(bearer(token))
        .send({ response: forged })
        .expect(400);
      expect(res.body.error).toBe('InvalidPasskeyRegistrationError');
    });

    it('needs a user access token to manage passkeys: 401 without, 403 for an API key', async () => {
      await t.http.post('/auth/passkeys/registration/options').expect(401);
      await t.http.get('/auth/passkeys').expect(401);
      const created = await t.http
        .post('/auth/api-keys')
        .set(bearer(token))
        .send({ name: 'bot', scopes: ['notes.read'] })
        .expect(201);
      const key = created.body.key as string;
      await t.http
        .post('/auth/passkeys/registration/options')
        .set({ 'X-API-Key': key })
        .expect(403);
    });

    it('answers 404 to an id that is no UUID', async () => {
      await t.http.delete('/auth/passkeys/not-a-uuid').set(bearer(token)).expect(404);
    });
  });
});

describe('Passkeys switched off (passkeys.enabled=false)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__PASSKEYS__ENABLED: 'false' } });
  });
  afterAll(() => t.close());

  it('answers 404 FeatureDisabledError on every route, before validating the body', async () => {
    const res = await t.http
      .post('/auth/passkeys/authentication/options')
      .send({ junk: true })
      .expect(404);
    expect(res.body).toMatchObject({ error: 'FeatureDisabledError' });
    await t.http.post('/auth/passkeys/authentication/verify').send({}).expect(404);
  });
});

describe('Passkey sign-in is throttled like /auth/login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LEX_AUTH__LOGIN_RATE_LIMIT: '2/minute' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past login_rate_limit on each route, before the body is read', async () => {
    for (const route of ['options', 'verify']) {
      const path = `/auth/passkeys/authentication/${route}`;
      for (let i = 0; i < 2; i++) {
        expect((await t.http.post(path).send({})).status).not.toBe(429);
      }
      const res = await t.http.post(path).send({ junk: true }).expect(429);
      expect(res.body).toMatchObject({ error: 'LoginRateLimitError' });
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
    }
  });
});
