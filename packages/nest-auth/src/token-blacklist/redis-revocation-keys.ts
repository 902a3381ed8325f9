/**
 * Where the Redis blacklist keeps revocations, under one prefix (`lex:auth:` by default):
 *
 * - `<prefix>revoked:<id>`: a revoked id; value = its expiry (epoch ms), Redis TTL to match;
 * - `<prefix>user-revoked:<userId>`: `"<revokedBefore>:<expiresAt>"`, TTL to match;
 * - `<prefix>revocations`: sorted set of every live revocation (`i:<id>`, `u:<userId>`) scored by
 *   expiry, so a replica loads the live set with ZSCAN instead of scanning the keyspace; the
 *   write scripts trim it (ZREMRANGEBYSCORE up to now), so it holds only unexpired entries;
 * - channel `<prefix>revocations`: every write announces its result there (see
 *   `revocation-message.ts`), from the same script, so a write and its announcement never diverge;
 * - `<prefix>revocations:indexed`: set once the entries written before the index existed (by a
 *   version without replication) have been added to it.
 */
export class RedisRevocationKeys {
  readonly index: string;
  readonly channel: string;
  readonly indexedMarker: string;

  constructor(readonly prefix = 'lex:auth:') {
    this.index = `${prefix}revocations`;
    this.channel = `${prefix}revocations`;
    this.indexedMarker = `${prefix}revocations:indexed`;
  }

  id(id: string): string {
    return `${this.prefix}revoked:${id}`;
  }

  user(userId: string): string {
    return `${this.prefix}user-revoked:${userId}`;
  }
}

/** A user entry's value, `"<revokedBefore>:<expiresAt>"`; `null` when absent or malformed. */
export function parseUserEntry(
  value: string | null | undefined,
): { revokedBefore: number; expiresAt: number } | null {
  const match = value ? /^(-?\d+):(-?\d+)$/.exec(value) : null;
  if (!match) return null;
  return { revokedBefore: Number(match[1]), expiresAt: Number(match[2]) };
}
