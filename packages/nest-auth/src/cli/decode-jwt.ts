import { CommandFailedError } from './cli-errors';

/** A JWT's header and claims, read without verifying anything. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

function part(text: string, name: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new CommandFailedError(`The token's ${name} is not base64url-encoded JSON.`);
}

/** True for text shaped like a compact JWS (`header.payload.signature`). */
export function looksLikeJwt(text: string): boolean {
  return text.split('.').length === 3;
}

/** @throws CommandFailedError when `token` is not a compact JWT */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.trim().split('.');
  if (parts.length !== 3)
    throw new CommandFailedError('Not a JWT: expected three dot-separated parts.');
  return { header: part(parts[0], 'header'), claims: part(parts[1], 'payload') };
}
