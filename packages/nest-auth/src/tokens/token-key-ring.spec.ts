import { createPublicKey } from 'node:crypto';
import { loadAuthConfig } from '../settings/load-auth-config';
import { InvalidTokenError } from '../errors/auth.errors';
import { testKeyPair } from '../testing/test-key-pair';
import { jwkThumbprint, publicJwkOf } from './jwk-thumbprint';
import { loadTokenKeyRing } from './token-keys';

const current = testKeyPair('ES256');
const next = testKeyPair('ES256');
const retired = testKeyPair('ES256');
const RETIRED_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
const GRACE_S = 3600;

const kidOf = (publicPem: string): string => jwkThumbprint(publicJwkOf(createPublicKey(publicPem)));

const ring = loadTokenKeyRing(
  loadAuthConfig({
    env: {},
    configFile: false,
    token: {
      algorithm: 'ES256',
      ...current,
      nextPublicKey: next.publicKey,
      previousKeys: [{ publicKey: retired.publicKey, retiredAt: new Date(RETIRED_MS) }],
      keyRotationGraceSeconds: GRACE_S,
    },
  }).token,
);

function reasonOf(kid: unknown, nowMs: number): string {
  try {
    ring.keyFor(kid, nowMs);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error('Expected keyFor() to refuse the kid');
}

describe('TokenKeyRing', () => {
  describe('keyFor', () => {
    it('finds the current, the next and a retired key by kid', () => {
      for (const pair of [current, next, retired]) {
        const key = ring.keyFor(kidOf(pair.publicKey), RETIRED_MS);

        expect(jwkThumbprint(publicJwkOf(key))).toBe(kidOf(pair.publicKey));
      }
    });

    it('keeps a retired key until the grace period ends, then refuses it', () => {
      const kid = kidOf(retired.publicKey);

      expect(() => ring.keyFor(kid, RETIRED_MS + GRACE_S * 1000 - 1)).not.toThrow();
      expect(reasonOf(kid, RETIRED_MS + GRACE_S * 1000)).toBe('retired_key');
    });

    it('never ends the current or the next key', () => {
      const farFuture = RETIRED_MS + 10 * 365 * 86400_000;

      expect(() => ring.keyFor(kidOf(current.publicKey), farFuture)).not.toThrow();
      expect(() => ring.keyFor(kidOf(next.publicKey), farFuture)).not.toThrow();
    });

    it.each([
      ['an unknown kid', 'no-such-key'],
      ['a missing kid', undefined],
      ['a kid that is not a string', 42],
      ['the kid of a key not in the ring', kidOf(testKeyPair('ES256').publicKey)],
    ])('refuses %s as unknown_key', (_what, kid) => {
      expect(reasonOf(kid, RETIRED_MS)).toBe('unknown_key');
    });
  });

  describe('jwks', () => {
    it('publishes current, next and retired keys while they are valid, each with kid, alg and use', () => {
      const { keys } = ring.jwks(RETIRED_MS)!;

      expect(keys.map((k) => k.kid)).toEqual([
        kidOf(current.publicKey),
        kidOf(next.publicKey),
        kidOf(retired.publicKey),
      ]);
      for (const key of keys) {
        expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
        expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      }
    });

    it('drops a retired key from the set once its grace period is over', () => {
      const { keys } = ring.jwks(RETIRED_MS + GRACE_S * 1000)!;

      expect(keys.map((k) => k.kid)).toEqual([kidOf(current.publicKey), kidOf(next.publicKey)]);
    });
  });
});
