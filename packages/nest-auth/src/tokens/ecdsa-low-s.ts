/** The order n of P-256 (SEC 2 §2.4.2 / FIPS 186-4 D.1.2.3) and n / 2. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;
/** An ES256 signature is r ‖ s, 32 bytes each (RFC 7518 §3.4). */
const HALF = 32;

const toBigInt = (bytes: Buffer): bigint => BigInt(`0x${bytes.toString('hex') || '0'}`);

/**
 * Whether an ES256 signature has s ≤ n/2. If (r, s) verifies, so does (r, n − s): without this
 * rule every ES256 token has a second valid spelling.
 */
export function isLowS(signature: Buffer): boolean {
  return signature.length === 2 * HALF && toBigInt(signature.subarray(HALF)) <= HALF_ORDER;
}

/**
 * The low-S form of a compact ES256 JWS. OpenSSL (behind node:crypto, and so jose) leaves s as it
 * comes, high in about half the signatures; the verifier refuses those, so signing normalises.
 */
export function withLowS(token: string): string {
  const dot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  if (signature.length !== 2 * HALF || isLowS(signature)) return token;
  const s = P256_ORDER - toBigInt(signature.subarray(HALF));
  const low = Buffer.from(s.toString(16).padStart(2 * HALF, '0'), 'hex');
  return `${token.slice(0, dot + 1)}${Buffer.concat([signature.subarray(0, HALF), low]).toString('base64url')}`;
}
