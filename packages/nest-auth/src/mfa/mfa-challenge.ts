import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClientInfo } from '../common/client-info';

/** 256 random bits, base64url: the opaque challenge a login gets when it needs a code. */
export function newChallengeToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * The challenge is bound to the login's user agent, not its IP: a phone moving between networks
 * inside the challenge's lifetime must still complete it.
 */
export function clientBindingOf(client: ClientInfo): string {
  return sha256Hex(`ua:${client.userAgent ?? ''}`);
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The lockout identifier for second-factor attempts, which a correct password does not reset. */
export function mfaAttemptKey(userId: string): string {
  return `mfa:${userId}`;
}
