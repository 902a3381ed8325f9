import { createHmac, createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import * as jwt from 'jsonwebtoken';
import type { TokenOptions } from '../settings/auth-settings-options';
import { loadAuthConfig } from '../settings/load-auth-config';
import { InvalidTokenError } from '../errors/auth.errors';
import { testKeyPair } from '../testing/test-key-pair';
import { jwkThumbprint, publicJwkOf } from './jwk-thumbprint';
import type { TokenClaims } from './token-claims';
import { TokenService } from './token.service';

const START_MS = Date.UTC(2025, 10, 22, 12, 0, 0);
const rsa = testKeyPair('RS256');
const attacker = testKeyPair('RS256');

const serviceFor = (token: TokenOptions, clock = () => START_MS) =>
  new TokenService(loadAuthConfig({ env: {}, configFile: false, token }), clock);

const kidOf = (publicPem: string): string => jwkThumbprint(publicJwkOf(createPublicKey(publicPem)));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const claims = (): TokenClaims => ({
  sub: 'user-1',
  sid: 'session-1',
  jti: 'jti-1',
  iat: START_MS / 1000,
  iat_ms: START_MS,
  exp: START_MS / 1000 + 600,
  iss: 'lexigram-auth',
});

/** The reason `verify` refuses the token with; fails the test when it accepts it. */
async function reasonOf(service: TokenService, token: string): Promise<string> {
  try {
    await service.verify(token, 'access');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error('Expected verify() to refuse the token, but it accepted it');
}

/** An RS256 token signed by `privateKey` with whatever header the attacker chooses. */
const rs256 = (privateKey: string, header: Record<string, unknown>) =>
  jwt.sign(claims(), privateKey, {
    algorithm: 'RS256',
    header: { alg: 'RS256', typ: 'at+jwt', ...header },
  });

describe('TokenService with asymmetric keys', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    'signs %s tokens with the current key, names it by kid, and verifies them',
    async (algorithm) => {
      const pair = testKeyPair(algorithm);
      const service = serviceFor({ algorithm, ...pair });

      const { access_token, refresh_token } = await service.issuePair('user-1', 'session-1');

      expect(jwt.decode(access_token, { complete: true })?.header).toEqual({
        alg: algorithm,
        typ: 'at+jwt',
        kid: kidOf(pair.publicKey),
      });
      await expect(service.verify(access_token, 'access')).resolves.toMatchObject({
        sub: 'user-1',
      });
      await expect(service.verify(refresh_token, 'refresh')).resolves.toMatchObject({
        sid: 'session-1',
      });
    },
  );

  it('accepts a token signed elsewhere (jsonwebtoken) with the private key and our kid', async () => {
    const service = serviceFor({ algorithm: 'RS256', ...rsa });

    const token = rs256(rsa.privateKey, { kid: kidOf(rsa.publicKey) });

    await expect(service.verify(token, 'access')).resolves.toMatchObject({ jti: 'jti-1' });
  });

  describe('pinning (RFC 8725)', () => {
    const service = serviceFor({ algorithm: 'RS256', ...rsa });
    const kid = kidOf(rsa.publicKey);

    it('refuses an HS256 token whose HMAC secret is the public key PEM (key confusion)', async () => {
      const signingInput = `${b64({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64(claims())}`;
      const mac = createHmac('sha256', rsa.publicKey).update(signingInput).digest('base64url');

      expect(await reasonOf(service, `${signingInput}.${mac}`)).toBe('algorithm');
    });

    it('refuses an ES256 token when RS256 is configured, before looking for a key', async () => {
      const ec = testKeyPair('ES256');
      const token = jwt.sign(claims(), ec.privateKey, {
        algorithm: 'ES256',
        header: { alg: 'ES256', typ: 'at+jwt', kid },
      });

      expect(await reasonOf(service, token)).toBe('algorithm');
    });

    it('refuses alg none, with or without a signature part', async () => {
      const unsigned = `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims())}`;

      expect(await reasonOf(service, `${unsigned}.`)).toBe('unsigned');
      expect(await reasonOf(service, `${unsigned}.c2ln`)).toBe('algorithm');
    });

    it('refuses an unknown kid, and a token that names none', async () => {
      expect(await reasonOf(service, rs256(attacker.privateKey, { kid: 'attacker-key' }))).toBe(
        'unknown_key',
      );
      expect(await reasonOf(service, rs256(rsa.privateKey, {}))).toBe('unknown_key');
    });

    it('refuses a token signed by another key under our kid', async () => {
      expect(await reasonOf(service, rs256(attacker.privateKey, { kid }))).toBe('signature');
    });

    it('never trusts a key the token brings along (jwk header)', async () => {
      const jwk = publicJwkOf(createPublicKey(attacker.publicKey));

      expect(
        await reasonOf(
          service,
          rs256(attacker.privateKey, { jwk, kid: kidOf(attacker.publicKey) }),
        ),
      ).toBe('unknown_key');
      expect(await reasonOf(service, rs256(attacker.privateKey, { jwk, kid }))).toBe('signature');
    });

    it('never follows jku or x5u: the key comes from the ring by kid', async () => {
      const headers = { jku: 'http://127.0.0.1:9/jwks.json', x5u: 'http://127.0.0.1:9/cert.pem' };

      expect(
        await reasonOf(service, rs256(attacker.privateKey, { ...headers, kid: 'remote' })),
      ).toBe('unknown_key');
      expect(await reasonOf(service, rs256(attacker.privateKey, { ...headers, kid }))).toBe(
        'signature',
      );
    });

    it('refuses a token signed with HS256 by jose with the public key bytes', async () => {
      const token = await new SignJWT({ ...claims() })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid })
        .sign(new TextEncoder().encode(rsa.publicKey));

      expect(await reasonOf(service, token)).toBe('algorithm');
    });
  });

  describe('rotation', () => {
    const old = testKeyPair('EdDSA');
    const current = testKeyPair('EdDSA');
    const retiredAtMs = START_MS;
    let nowMs = START_MS;
    const rotated = serviceFor(
      {
        algorithm: 'EdDSA',
        ...current,
        previousKeys: [{ publicKey: old.publicKey, retiredAt: new Date(retiredAtMs) }],
        keyRotationGraceSeconds: 3600,
        accessTtlSeconds: 86400,
      },
      () => nowMs,
    );
    const before = serviceFor(
      { algorithm: 'EdDSA', ...old, accessTtlSeconds: 86400 },
      () => START_MS - 1000,
    );

    beforeEach(() => {
      nowMs = START_MS;
    });

    it('signs new tokens with the current key only', async () => {
      const { access_token } = await rotated.issuePair('user-1', 'session-1');

      expect(jwt.decode(access_token, { complete: true })?.header.kid).toBe(
        kidOf(current.publicKey),
      );
    });

    it('accepts a token of the retired key inside the grace period and refuses it after', async () => {
      const { access_token } = await before.issuePair('user-1', 'session-1');

      nowMs = retiredAtMs + 3600_000 - 1;
      await expect(rotated.verify(access_token, 'access')).resolves.toMatchObject({
        sub: 'user-1',
      });

      nowMs = retiredAtMs + 3600_000;
      expect(await reasonOf(rotated, access_token)).toBe('retired_key');
    });

    it('publishes the retired key in the JWKS during the grace period only', () => {
      expect(rotated.jwks()?.keys.map((k) => k.kid)).toEqual([
        kidOf(current.publicKey),
        kidOf(old.publicKey),
      ]);

      nowMs = retiredAtMs + 3600_000;
      expect(rotated.jwks()?.keys.map((k) => k.kid)).toEqual([kidOf(current.publicKey)]);
    });
  });
});
