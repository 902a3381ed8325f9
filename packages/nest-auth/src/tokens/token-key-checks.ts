import type { KeyObject } from 'node:crypto';
import type { JwtAlgorithm } from '../settings/auth-settings';

/** RFC 7518 §3.3; jose also refuses smaller RSA keys when it signs or verifies. */
export const MIN_RSA_BITS = 2048;

const MAKE_KEY: Record<string, string> = {
  RS256: 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private.pem',
  ES256: 'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out private.pem',
  EdDSA: 'openssl genpkey -algorithm ed25519 -out private.pem',
  Ed25519: 'openssl genpkey -algorithm ed25519 -out private.pem',
};

/** How to make a key for the algorithm, for error messages. */
export function makeKeyHint(algorithm: JwtAlgorithm): string {
  return `Make one with: ${MAKE_KEY[algorithm]} && openssl pkey -in private.pem -pubout -out public.pem`;
}

const KEY_TYPES: Record<string, string> = {
  rsa: 'an RSA',
  'rsa-pss': 'an RSA-PSS',
  ec: 'an EC',
  ed25519: 'an Ed25519',
  ed448: 'an Ed448',
  x25519: 'an X25519',
  x448: 'an X448',
  dsa: 'a DSA',
  dh: 'a DH',
};

/**
 * Why `key` cannot sign or verify `algorithm`: the wrong key type, the wrong curve, or an RSA
 * modulus under 2048 bits.
 * @returns null when the key fits
 */
export function keyMismatch(key: KeyObject, algorithm: JwtAlgorithm): string | null {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  const what = `is ${KEY_TYPES[type ?? ''] ?? `a ${String(type)}`} key`;
  switch (algorithm) {
    case 'RS256':
      if (type !== 'rsa') return `${what}; RS256 needs an RSA key.`;
      if ((details.modulusLength ?? 0) < MIN_RSA_BITS) {
        return `is a ${details.modulusLength}-bit RSA key; RS256 needs at least ${MIN_RSA_BITS} bits (RFC 7518 §3.3).`;
      }
      return null;
    case 'ES256':
      return type === 'ec' && details.namedCurve === 'prime256v1'
        ? null
        : `${what}${details.namedCurve ? ` on ${details.namedCurve}` : ''}; ES256 needs an EC key on P-256 (prime256v1).`;
    case 'EdDSA':
      return type === 'ed25519' || type === 'ed448'
        ? null
        : `${what}; EdDSA needs an Ed25519 (or Ed448) key.`;
    case 'Ed25519':
      return type === 'ed25519' ? null : `${what}; Ed25519 needs an Ed25519 key (RFC 9864).`;
    default:
      return `cannot be used with ${algorithm}.`;
  }
}
