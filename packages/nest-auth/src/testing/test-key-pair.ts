import { generateKeyPairSync } from 'node:crypto';

/** PEM text of a key pair, as `token.private_key` / `token.public_key` take it. */
export interface PemKeyPair {
  privateKey: string;
  publicKey: string;
}

const SPKI = { type: 'spki', format: 'pem' } as const;
const PKCS8 = { type: 'pkcs8', format: 'pem' } as const;

/**
 * A fresh key pair for tests, made in memory so no private key is ever committed:
 * RSA 2048 for RS256, P-256 for ES256, Ed25519 for EdDSA and Ed25519.
 * @param modulusLength RSA only, e.g. 1024 to test that weak keys are refused @default 2048
 */
export function testKeyPair(
  algorithm: 'RS256' | 'ES256' | 'EdDSA' | 'Ed25519',
  modulusLength = 2048,
): PemKeyPair {
  switch (algorithm) {
    case 'RS256':
      return generateKeyPairSync('rsa', {
        modulusLength,
        publicKeyEncoding: SPKI,
        privateKeyEncoding: PKCS8,
      });
    case 'ES256':
      return generateKeyPairSync('ec', {
        namedCurve: 'P-256',
        publicKeyEncoding: SPKI,
        privateKeyEncoding: PKCS8,
      });
    case 'EdDSA':
    case 'Ed25519':
      return generateKeyPairSync('ed25519', { publicKeyEncoding: SPKI, privateKeyEncoding: PKCS8 });
  }
}
