import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { jwkThumbprint, publicJwkOf } from './jwk-thumbprint';

// RFC 7638 §3.1: the example RSA key and its SHA-256 thumbprint.
const RFC_7638_JWK = {
  kty: 'RSA',
  n:
    '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP' +
    'ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qvzq' +
    'Y368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0' +
    'fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};

describe('jwkThumbprint', () => {
  it('computes the RFC 7638 §3.1 example thumbprint, ignoring alg and kid', () => {
    expect(jwkThumbprint(RFC_7638_JWK)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it.each([
    ['EC P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey],
    ['Ed25519', () => generateKeyPairSync('ed25519').publicKey],
  ])('agrees with jose for an %s key', async (_name, makeKey) => {
    const jwk = publicJwkOf(makeKey());

    expect(jwkThumbprint(jwk)).toBe(await calculateJwkThumbprint(jwk as never, 'sha256'));
  });

  it('refuses a key type RFC 7638 does not define', () => {
    expect(() => jwkThumbprint({ kty: 'oct', k: 'c2VjcmV0' })).toThrow(TypeError);
  });
});

describe('publicJwkOf', () => {
  it('gives the same public members for a private key as for its public half', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

    expect(publicJwkOf(privateKey)).toEqual(publicJwkOf(publicKey));
    expect(publicJwkOf(privateKey)).not.toHaveProperty('d');
  });

  it('keeps an RSA public key to n and e', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

    expect(Object.keys(publicJwkOf(createPublicKey(privateKey))).sort()).toEqual(['e', 'kty', 'n']);
  });
});
