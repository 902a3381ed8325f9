import { createHmac, createPublicKey, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose';
import * as jwt from 'jsonwebtoken';
import { testKeyPair } from '../packages/nest-auth/src/testing';
import { bearer, metric, registerAndLogin } from './support/auth-client';
import { keyEnv, writeKeyFiles } from './support/key-files';
import { startTestApp, type TestApp } from './support/test-app';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('RS256 with keys from files: JWKS and pinned verification over HTTP', () => {
  const pair = testKeyPair('RS256');
  let t: TestApp;
  let baseUrl: string;
  let userId: string;
  let kid: string;

  /** Claims of a valid access token for the registered user. */
  const claims = () => {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: userId,
      sid: 's-1',
      jti: `j-${Math.random()}`,
      iat: now,
      iat_ms: Date.now(),
      exp: now + 600,
      iss: 'lexigram-auth',
    };
  };
  const me = (token: string) => t.http.get('/auth/me').set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ env: keyEnv('RS256', writeKeyFiles(pair)) });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const pairOfTokens = await registerAndLogin(t.http, 'rs@example.com');
    userId = (jwt.decode(pairOfTokens.access_token) as { sub: string }).sub;
    kid = jwt.decode(pairOfTokens.access_token, { complete: true })!.header.kid!;
  });
  afterAll(() => t.close());

  it('publishes the public key as a JWK Set, with a cache header, to anyone (no bearer)', async () => {
    const res = await t.http.get('/.well-known/jwks.json').expect(200);

    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.keys).toHaveLength(1);
    const [jwk] = res.body.keys as JsonWebKey[];
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid, e: 'AQAB' });
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(
      createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }),
    ).toBe(pair.publicKey);
  });

  it('mints tokens that jose verifies with nothing but our JWKS fetched over HTTP', async () => {
    const { access_token } = await registerAndLogin(t.http, 'jose@example.com');
    const jwks = createRemoteJWKSet(new URL(`${baseUrl}/.well-known/jwks.json`));

    const { payload, protectedHeader } = await jwtVerify(access_token, jwks, {
      algorithms: ['RS256'],
      issuer: 'lexigram-auth',
      typ: 'at+jwt',
    });

    expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'at+jwt', kid });
    expect(payload).toMatchObject({ iss: 'lexigram-auth', sub: expect.any(String) as string });
  });

  it('mints tokens that jsonwebtoken verifies with the JWK imported by node:crypto', async () => {
    const { access_token, refresh_token } = await registerAndLogin(
      t.http,
      'jsonwebtoken@example.com',
    );
    const res = await fetch(`${baseUrl}/.well-known/jwks.json`);
    const { keys } = (await res.json()) as { keys: JsonWebKey[] };
    const key = createPublicKey({ key: keys[0], format: 'jwk' });

    for (const token of [access_token, refresh_token]) {
      expect(
        jwt.verify(token, key, { algorithms: ['RS256'], issuer: 'lexigram-auth' }),
      ).toMatchObject({ sid: expect.any(String) as string });
    }
  });

  it('accepts its own tokens on protected routes and rotates refresh tokens', async () => {
    const pairOfTokens = await registerAndLogin(t.http, 'round@example.com');
    await me(pairOfTokens.access_token).expect(200);
    const next = await t.http
      .post('/auth/refresh')
      .send({ refresh_token: pairOfTokens.refresh_token })
      .expect(200);
    await me(next.body.access_token as string).expect(200);
  });

  it('refuses an HS256 token whose HMAC secret is the public key PEM (key confusion)', async () => {
    const input = `${b64({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64(claims())}`;
    const token = `${input}.${createHmac('sha256', pair.publicKey).update(input).digest('base64url')}`;
    const before = await metric(t.http, 'auth_token_rejections_total{reason="algorithm"}');

    const res = await me(token).expect(401);

    expect(res.body.error).toBe('InvalidTokenError');
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(await metric(t.http, 'auth_token_rejections_total{reason="algorithm"}')).toBe(
      before + 1,
    );
  });

  it('refuses alg none', async () => {
    const res = await me(`${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims())}.`).expect(
      401,
    );

    expect(res.body.error).toBe('InvalidTokenError');
  });

  it('refuses a token naming an unknown kid', async () => {
    const token = jwt.sign(claims(), pair.privateKey, {
      algorithm: 'RS256',
      header: { alg: 'RS256', typ: 'at+jwt', kid: 'not-one-of-ours' },
    });

    const res = await me(token).expect(401);

    expect(res.body).toMatchObject({
      error: 'InvalidTokenError',
      message: expect.stringContaining('(kid)') as string,
    });
  });

  describe('headers that point at keys elsewhere', () => {
    let keyServer: Server;
    let hits = 0;
    let keyServerUrl: string;
    const attacker = testKeyPair('RS256');

    beforeAll(async () => {
      const attackerJwk = createPublicKey(attacker.publicKey).export({ format: 'jwk' });
      keyServer = createServer((_req, res) => {
        hits += 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [{ ...attackerJwk, kid: 'attacker', alg: 'RS256' }] }));
      });
      await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
      keyServerUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => keyServer.close(() => resolve())));

    it('never fetches jku or x5u, and never trusts an embedded jwk', async () => {
      const jwk = createPublicKey(attacker.publicKey).export({ format: 'jwk' });
      const headers = [
        { kid: 'attacker', jku: `${keyServerUrl}/jwks.json` },
        { kid, jku: `${keyServerUrl}/jwks.json` },
        { kid: 'attacker', x5u: `${keyServerUrl}/cert.pem` },
        { kid: 'attacker', jwk },
        { kid, jwk },
      ];

      for (const header of headers) {
        const token = jwt.sign(claims(), attacker.privateKey, {
          algorithm: 'RS256',
          header: { alg: 'RS256', typ: 'at+jwt', ...header },
        });
        const res = await me(token).expect(401);
        expect(res.body.error).toBe('InvalidTokenError');
      }
      expect(hits).toBe(0);
    });
  });
});

describe('Ed25519, EdDSA and ES256 round trips', () => {
  it.each(['Ed25519', 'EdDSA', 'ES256'] as const)(
    '%s: login, protected route, refresh, and a JWKS to verify with',
    async (algorithm) => {
      const pair = testKeyPair(algorithm);
      const t = await startTestApp({ env: keyEnv(algorithm, pair) });
      try {
        const tokens = await registerAndLogin(t.http, `${algorithm.toLowerCase()}@example.com`);
        expect(jwt.decode(tokens.access_token, { complete: true })?.header.alg).toBe(algorithm);
        await t.http.get('/auth/me').set(bearer(tokens.access_token)).expect(200);
        const next = await t.http
          .post('/auth/refresh')
          .send({ refresh_token: tokens.refresh_token })
          .expect(200);
        await t.http
          .get('/auth/me')
          .set(bearer(next.body.access_token as string))
          .expect(200);

        const { body } = await t.http.get('/.well-known/jwks.json').expect(200);
        await expect(
          jwtVerify(next.body.access_token as string, createLocalJWKSet(body as never), {
            algorithms: [algorithm],
          }),
        ).resolves.toMatchObject({ protectedHeader: { alg: algorithm } });
        expect(body.keys[0]).toMatchObject(
          algorithm === 'ES256'
            ? { kty: 'EC', crv: 'P-256', alg: 'ES256' }
            : { kty: 'OKP', crv: 'Ed25519', alg: algorithm },
        );
      } finally {
        await t.close();
      }
    },
  );
});

describe('HS256 (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers the JWKS route with a 404 JSON error: a shared secret is never published', async () => {
    const res = await t.http.get('/.well-known/jwks.json').expect(404);

    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'NotFoundException',
      message: expect.stringContaining('shared HMAC secret') as string,
    });
  });
});

describe('Key configuration refused at boot', () => {
  it('refuses a private key that does not match the public key', async () => {
    const mismatched = {
      privateKey: testKeyPair('ES256').privateKey,
      publicKey: testKeyPair('ES256').publicKey,
    };

    await expect(startTestApp({ env: keyEnv('ES256', mismatched) })).rejects.toThrow(
      /LEX_AUTH__TOKEN__PRIVATE_KEY: is not the private half of LEX_AUTH__TOKEN__PUBLIC_KEY/,
    );
  });

  it('refuses an RSA key under 2048 bits', async () => {
    await expect(
      startTestApp({ env: keyEnv('RS256', testKeyPair('RS256', 1024)) }),
    ).rejects.toThrow(/1024-bit RSA key; RS256 needs at least 2048 bits/);
  });

  it('refuses an asymmetric algorithm without keys', async () => {
    await expect(startTestApp({ env: { LEX_AUTH__TOKEN__ALGORITHM: 'EdDSA' } })).rejects.toThrow(
      /LEX_AUTH__TOKEN__PRIVATE_KEY: EdDSA needs a PEM private key/,
    );
  });
});
