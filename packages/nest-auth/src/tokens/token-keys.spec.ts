import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { TokenOptions } from '../settings/auth-settings-options';
import { AuthConfigurationError, type ConfigProblem } from '../settings/auth-configuration.error';
import { loadAuthConfig } from '../settings/load-auth-config';
import { testKeyPair } from '../testing/test-key-pair';
import { jwkThumbprint, publicJwkOf } from './jwk-thumbprint';
import { loadTokenKeyRing } from './token-keys';

const rsa = testKeyPair('RS256');
const ec = testKeyPair('ES256');
const ed = testKeyPair('EdDSA');
const RETIRED = '2025-06-01T12:00:00Z';

const ringFor = (token: TokenOptions) =>
  loadTokenKeyRing(loadAuthConfig({ env: {}, configFile: false, token }).token);

const kidOf = (publicPem: string): string => jwkThumbprint(publicJwkOf(createPublicKey(publicPem)));

/** The problems `run` fails with; fails the test when it does not throw them. */
function problemsOf(run: () => unknown): ConfigProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigurationError);
    return (error as AuthConfigurationError).problems;
  }
  throw new Error('Expected an AuthConfigurationError, but nothing was thrown');
}

describe('loadTokenKeyRing', () => {
  describe('reading keys', () => {
    it('signs HS* with the secret, names no kid and publishes nothing', () => {
      const ring = ringFor({ algorithm: 'HS256', secretKey: 's'.repeat(32) });

      expect(ring.signing.kid).toBeUndefined();
      expect(ring.signing.key.type).toBe('secret');
      expect(ring.jwks(Date.now())).toBeNull();
    });

    it.each([
      ['RS256', rsa],
      ['ES256', ec],
      ['EdDSA', ed],
    ] as const)(
      'signs %s with the private key, named by its RFC 7638 thumbprint',
      (algorithm, pair) => {
        const ring = ringFor({ algorithm, ...pair });

        expect(ring.signing.key.type).toBe('private');
        expect(ring.signing.kid).toBe(kidOf(pair.publicKey));
      },
    );

    it('reads PEM text whose line breaks were written as \\n in an env file', () => {
      const escaped = (pem: string) => pem.replace(/\n/g, '\\n');

      const ring = ringFor({
        algorithm: 'ES256',
        privateKey: escaped(ec.privateKey),
        publicKey: escaped(ec.publicKey),
      });

      expect(ring.signing.kid).toBe(kidOf(ec.publicKey));
    });
  });

  describe('refusals (in every environment: no token could be signed or verified)', () => {
    it('names both variables when an asymmetric algorithm has no keys', () => {
      expect(problemsOf(() => ringFor({ algorithm: 'EdDSA' }))).toEqual([
        {
          variable: 'LEX_AUTH__TOKEN__PRIVATE_KEY',
          message: expect.stringContaining('EdDSA needs a PEM private key') as string,
        },
        {
          variable: 'LEX_AUTH__TOKEN__PUBLIC_KEY',
          message: expect.stringContaining('EdDSA needs a PEM public key') as string,
        },
      ]);
    });

    it('refuses an RSA key under 2048 bits, saying how to make one', () => {
      const weak = testKeyPair('RS256', 1024);

      const problems = problemsOf(() => ringFor({ algorithm: 'RS256', ...weak }));

      expect(problems.map((p) => p.variable)).toEqual([
        'LEX_AUTH__TOKEN__PRIVATE_KEY',
        'LEX_AUTH__TOKEN__PUBLIC_KEY',
      ]);
      expect(problems[0].message).toContain('1024-bit RSA key; RS256 needs at least 2048 bits');
      expect(problems[0].message).toContain(
        'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048',
      );
    });

    it('refuses a private key that is not the half of the public key', () => {
      const other = testKeyPair('ES256');

      const problems = problemsOf(() =>
        ringFor({ algorithm: 'ES256', privateKey: other.privateKey, publicKey: ec.publicKey }),
      );

      expect(problems).toEqual([
        {
          variable: 'LEX_AUTH__TOKEN__PRIVATE_KEY',
          message: expect.stringContaining(
            'is not the private half of LEX_AUTH__TOKEN__PUBLIC_KEY',
          ) as string,
        },
      ]);
    });

    it.each([
      ['an EC key for RS256', 'RS256', ec, 'RS256 needs an RSA key'],
      ['an RSA key for ES256', 'ES256', rsa, 'ES256 needs an EC key on P-256'],
      ['an Ed25519 key for ES256', 'ES256', ed, 'ES256 needs an EC key on P-256'],
      ['an EC key for EdDSA', 'EdDSA', ec, 'EdDSA needs an Ed25519'],
    ] as const)('refuses %s', (_what, algorithm, pair, message) => {
      const problems = problemsOf(() => ringFor({ algorithm, ...pair }));

      expect(problems[0].message).toContain(message);
    });

    it('refuses an EC key on another curve than P-256 for ES256', () => {
      const p384 = generateKeyPairSync('ec', {
        namedCurve: 'P-384',
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });

      const problems = problemsOf(() => ringFor({ algorithm: 'ES256', ...p384 }));

      expect(problems[0].message).toContain('on secp384r1');
    });

    it('refuses a private key given as the public key, without echoing it', () => {
      const problems = problemsOf(() =>
        ringFor({ algorithm: 'EdDSA', privateKey: ed.privateKey, publicKey: ed.privateKey }),
      );

      expect(problems).toEqual([
        {
          variable: 'LEX_AUTH__TOKEN__PUBLIC_KEY',
          message: expect.stringContaining('holds a private key') as string,
        },
      ]);
      expect(problems[0].message).not.toContain('BEGIN');
    });

    it('names a value that is neither PEM text nor an existing file', () => {
      const problems = problemsOf(() =>
        ringFor({
          algorithm: 'EdDSA',
          privateKey: '/nonexistent/key.pem',
          publicKey: ed.publicKey,
        }),
      );

      expect(problems).toEqual([
        {
          variable: 'LEX_AUTH__TOKEN__PRIVATE_KEY',
          message: 'is neither PEM text nor an existing file: /nonexistent/key.pem',
        },
      ]);
    });

    it('refuses PEM text that is not a key', () => {
      const garbage = '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n';

      const problems = problemsOf(() =>
        ringFor({ algorithm: 'EdDSA', privateKey: garbage, publicKey: ed.publicKey }),
      );

      expect(problems[0].message).toContain('is not a readable PEM private key');
    });

    it('names the item of previous_keys whose key does not fit, with every other problem', () => {
      const problems = problemsOf(() =>
        ringFor({
          algorithm: 'EdDSA',
          privateKey: testKeyPair('EdDSA').privateKey,
          publicKey: ed.publicKey,
          previousKeys: [
            { publicKey: testKeyPair('EdDSA').publicKey, retiredAt: RETIRED },
            { publicKey: ec.publicKey, retiredAt: RETIRED },
          ],
        }),
      );

      expect(problems.map((p) => p.variable)).toEqual([
        'LEX_AUTH__TOKEN__PREVIOUS_KEYS',
        'LEX_AUTH__TOKEN__PRIVATE_KEY',
      ]);
      expect(problems[0].message).toMatch(/^\[1\]\.public_key is an EC key; EdDSA needs/);
    });

    it('refuses the current key listed again as a previous key', () => {
      const problems = problemsOf(() =>
        ringFor({
          algorithm: 'EdDSA',
          ...ed,
          previousKeys: [{ publicKey: ed.publicKey, retiredAt: RETIRED }],
        }),
      );

      expect(problems[0]).toMatchObject({ variable: 'LEX_AUTH__TOKEN__PREVIOUS_KEYS' });
      expect(problems[0].message).toContain('twice');
    });
  });
});
