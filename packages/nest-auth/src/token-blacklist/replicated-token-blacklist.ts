import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { PeriodicTask } from '../common/periodic-task';
import { RevocationCache } from './revocation-cache';
import type { RevocationFeed } from './revocation-feed';
import {
  DEFAULT_REPLICATION_TIMINGS,
  type ReplicationTimings,
  RevocationReplicator,
} from './revocation-replicator';
import { type RevocationQuery, TokenBlacklist } from './token-blacklist';

/**
 * A shared blacklist (Redis, or the SQL database) with a replica of the live revocations in this
 * instance's memory, so the per-request check costs no round trip. Writes go to the store exactly
 * as without the replica (statements that also announce the change on the feed) and land in this
 * instance's memory at once; other instances apply them when the announcement arrives (typically
 * a few ms; see bench/README.md). While the replica is not in sync (boot, a reconnection, a
 * silent feed), `isRevoked` asks the store, so a revoked token is never accepted and an
 * unreachable store still fails closed with AuthStoreUnavailableError.
 *
 * Built by `replicateRedisBlacklist` and `replicateTypeOrmBlacklist`. Owns `store` and `feed`:
 * stops both on shutdown (the feed's own connection is closed; the store's client is the host's).
 */
export class ReplicatedTokenBlacklist extends TokenBlacklist implements OnApplicationShutdown {
  private readonly cache = new RevocationCache();
  private readonly replicator: RevocationReplicator;
  private readonly purge = new PeriodicTask(ReplicatedTokenBlacklist.name, () =>
    this.cache.sweep(this.clock()),
  );

  constructor(
    private readonly store: TokenBlacklist,
    feed: RevocationFeed,
    private readonly clock: Clock = systemClock,
    timings: ReplicationTimings = DEFAULT_REPLICATION_TIMINGS,
  ) {
    super();
    this.replicator = new RevocationReplicator(feed, this.cache, clock, timings);
  }

  /** Whether `isRevoked` is answered from memory right now (false: it asks the store). */
  get inSync(): boolean {
    return this.replicator.current;
  }

  /** Live revocations held in memory (expired ones not yet swept included). */
  get cachedRevocations(): number {
    return this.cache.size;
  }

  /** @inheritdoc */
  async revoke(id: string, expiresAt: Date): Promise<boolean> {
    const revoked = await this.store.revoke(id, expiresAt);
    // When it already was, the entry (and its expiry) comes from whoever revoked it.
    if (revoked) this.cache.revokeId(id, expiresAt.getTime(), this.clock());
    return revoked;
  }

  /** @inheritdoc */
  async revokeAllForUser(userId: string, beforeMs: number, expiresAt: Date): Promise<void> {
    await this.store.revokeAllForUser(userId, beforeMs, expiresAt);
    this.cache.revokeUser(userId, Math.ceil(beforeMs), expiresAt.getTime(), this.clock());
  }

  /** @inheritdoc In sync: from memory, no I/O. Otherwise: the store's own check. */
  isRevoked(query: RevocationQuery): Promise<boolean> {
    if (!this.replicator.current) return this.store.isRevoked(query);
    return Promise.resolve(this.cache.isRevoked(query, this.clock()));
  }

  /** @inheritdoc Always the store's own check: never answered from the replica. */
  override isRevokedNow(query: RevocationQuery): Promise<boolean> {
    return this.store.isRevokedNow(query);
  }

  /**
   * Resolves once this instance is in sync and holds every revocation written (by any instance)
   * before the call. For tests and benchmarks; requests never wait for it.
   * @throws Error when that takes longer than `timeoutMs`.
   */
  sync(timeoutMs?: number): Promise<void> {
    return this.replicator.sync(timeoutMs);
  }

  /** Stops the timers (the store's too) and closes the feed (Nest calls it on `app.close()`). */
  async onApplicationShutdown(): Promise<void> {
    this.purge.stop();
    (this.store as Partial<OnApplicationShutdown>).onApplicationShutdown?.();
    await this.replicator.close();
  }
}
