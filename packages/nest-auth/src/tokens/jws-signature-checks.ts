import {
  createHmac,
  type KeyObject,
  timingSafeEqual,
  verify as verifySignature,
  type VerifyKeyObjectInput,
} from 'node:crypto';
import type { JwtAlgorithm } from '../settings/auth-settings';
import { isLowS } from './ecdsa-low-s';

/** Checks a JWS signature over `data` with one key; may throw on a signature it cannot parse. */
export type SignatureCheck = (data: string, signature: Buffer, key: KeyObject) => boolean;

const hmac =
  (hash: string): SignatureCheck =>
  (data, signature, key) => {
    const expected = createHmac(hash, key).update(data).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  };

const asymmetric =
  (hash: string | null, dsaEncoding?: 'ieee-p1363'): SignatureCheck =>
  (data, signature, key) => {
    const input: VerifyKeyObjectInput = dsaEncoding ? { key, dsaEncoding } : { key };
    return verifySignature(hash, Buffer.from(data), input, signature);
  };

const es256 = asymmetric('sha256', 'ieee-p1363');
const eddsa = asymmetric(null);

/** By the header's `alg`. ES256 refuses high-S twins (see `isLowS`); OpenSSL already refuses Ed25519's S ≥ L. */
export const SIGNATURE_CHECKS: Readonly<Record<string, SignatureCheck>> = {
  HS256: hmac('sha256'),
  HS384: hmac('sha384'),
  HS512: hmac('sha512'),
  RS256: asymmetric('sha256'),
  ES256: (data, signature, key) => isLowS(signature) && es256(data, signature, key),
  EdDSA: eddsa,
  // RFC 9864: fully specified, so the key must be Ed25519 (EdDSA also takes Ed448).
  Ed25519: (data, signature, key) =>
    key.asymmetricKeyType === 'ed25519' && eddsa(data, signature, key),
};

/**
 * The header `alg` values accepted for the configured algorithm. `EdDSA` and `Ed25519` name the
 * same operation on an Ed25519 key (RFC 9864 §2.2), so each accepts the other: tokens minted
 * before a switch between the two names keep verifying. No other pair shares a key type.
 */
export const ACCEPTED_HEADER_ALGORITHMS: Readonly<Record<JwtAlgorithm, readonly string[]>> = {
  HS256: ['HS256'],
  HS384: ['HS384'],
  HS512: ['HS512'],
  RS256: ['RS256'],
  ES256: ['ES256'],
  EdDSA: ['EdDSA', 'Ed25519'],
  Ed25519: ['Ed25519', 'EdDSA'],
};
