import type { RevocationCache } from './revocation-cache';

/** What a feed tells the replicator. */
export interface FeedListener {
  /** A raw message from the revocation channel (see `revocation-message.ts`). */
  message(raw: string): void;
  /** The feed's connection is (again) up: time for a full load. */
  ready(): void;
  /** The feed's connection is gone: messages may be missed from now on. */
  lost(): void;
}

/**
 * How one shared store tells every instance's replica about revocations: Redis pub/sub,
 * PostgreSQL LISTEN/NOTIFY, or the database file itself for SQLite. RevocationReplicator does the
 * rest (when to trust the replica, reloads, heartbeats, markers), the same for every store.
 */
export interface RevocationFeed {
  /** The store, as log lines name it ("Redis", "the database"). */
  readonly storeName: string;
  /** Whether the feed's connection, and the store's own, are up right now. */
  readonly connected: boolean;
  /** Starts connecting; from then on `listener` hears every message and connection change. */
  start(listener: FeedListener): void;
  /** Puts the subscription in place: resolves once every later change will come as a message. */
  subscribe(): Promise<void>;
  /**
   * Copies every live revocation into `cache`, a bounded amount per round trip, stopping early
   * once `wanted()` is false. Resolves with the entries applied.
   */
  load(cache: RevocationCache, wanted: () => boolean): Promise<number>;
  /** Resolves once the feed has answered after every message sent to it before the call. */
  ping(): Promise<void>;
  /** Sends `message` to every replica on the feed, this one included. */
  publish(message: string): Promise<void>;
  /** Closes the feed's own connection; idempotent. */
  close(): Promise<void>;
}
