import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

// RFC 7638 §3.2: the required members of each key type, in lexicographic order.
const REQUIRED_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
};

/** The public JWK (RFC 7517) of a public or private key: never a private member. */
export function publicJwkOf(key: KeyObject): JsonWebKey {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKey.export({ format: 'jwk' });
}

/**
 * The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key: a `kid` every party can
 * recompute from the key itself, so no registry of key ids is needed.
 * @throws TypeError for a key type RFC 7638 does not define (e.g. an HMAC secret)
 */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members = REQUIRED_MEMBERS[jwk.kty ?? ''];
  if (!members) throw new TypeError(`No RFC 7638 thumbprint for key type ${String(jwk.kty)}`);
  const canonical = JSON.stringify(Object.fromEntries(members.map((name) => [name, jwk[name]])));
  return createHash('sha256').update(canonical).digest('base64url');
}
