import type { VerifiedJws } from './compact-jwt-verifier';

/**
 * Access tokens whose signature already held, by their exact text: a client sends the same token
 * on every request until it expires, and its signature and JSON never change, so a repeat skips the
 * HMAC (or public-key) check and both decodes. Only what verified is stored, so a forged or altered
 * token is always a miss and goes through the full check. What depends on the time is not cached:
 * the caller re-checks the key's validity (retired keys) and every claim (`exp`, `nbf`, …) on each
 * use. Bounded: past `limit` the oldest entry goes, so memory stays flat whatever the traffic.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedJws>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): VerifiedJws | undefined {
    return this.entries.get(token);
  }

  /** Freezes what it stores, deeply: every later request shares these claims, so none may change them. */
  remember(token: string, verified: VerifiedJws): void {
    if (this.limit <= 0 || this.entries.has(token)) return;
    if (this.entries.size >= this.limit) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(token, deepFreeze(verified));
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
