/** An API key as stored: never the key itself, only its lookup prefix and hash. */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  /** The key's lookup prefix (unique). */
  prefix: string;
  /** SHA-256 of the whole key, hex. */
  hash: string;
  /** `resource.action` patterns that narrow what the owner's roles allow. */
  scopes: string[];
  createdAt: Date;
  /** null: the key does not expire. */
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What `ApiKeyStore.insert` did. */
export type ApiKeyInsertResult = 'inserted' | 'limit_reached' | 'prefix_taken';

/**
 * Where API keys live: in memory for `store: memory`, in the database otherwise. Instants are
 * epoch milliseconds from the module's clock.
 */
export abstract class ApiKeyStore {
  /**
   * Stores a new key unless its owner already has `maxLive` live keys (at `record.createdAt`).
   * Atomic per user: concurrent inserts, from any number of instances, never exceed the limit.
   * @returns `prefix_taken` when the prefix is in use (the caller draws another key)
   * @throws AuthStoreUnavailableError when the store does not answer
   */
  abstract insert(record: ApiKeyRecord, maxLive: number): Promise<ApiKeyInsertResult>;
  /** The key with this lookup prefix, revoked and expired ones included; null when none. */
  abstract findByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  /** The user's keys that are not revoked (expired ones included), oldest first. */
  abstract listByUser(userId: string): Promise<ApiKeyRecord[]>;
  /** How many of the user's keys are neither revoked nor expired at `nowMs`. */
  abstract countLive(userId: string, nowMs: number): Promise<number>;
  /**
   * Revokes the user's key `id`. Atomic: true for exactly one caller, false when the key is
   * unknown, someone else's or already revoked.
   */
  abstract revoke(userId: string, id: string, nowMs: number): Promise<boolean>;
  /** Revokes every live key of the user (an administrator's revoke); returns how many. */
  abstract revokeAllForUser(userId: string, nowMs: number): Promise<number>;
  /**
   * Sets `lastUsedAt` to `nowMs` unless it was set less than `minIntervalMs` ago, so a busy key
   * costs one write a minute, not one a request. True when this call wrote.
   */
  abstract recordUse(id: string, nowMs: number, minIntervalMs: number): Promise<boolean>;
  /**
   * Deletes keys revoked or expired before `beforeMs`; returns how many. May stop after a bounded
   * number (the service calls it every minute).
   */
  abstract purge(beforeMs: number): Promise<number>;
}
