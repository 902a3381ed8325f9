import type { OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { type Clock, systemClock } from '../common/clock';
import { PeriodicTask } from '../common/periodic-task';
import { RedisRevocationKeys } from './redis-revocation-keys';
import { RedisTokenBlacklist } from './redis-token-blacklist';
import { RevocationCache } from './revocation-cache';
import {
  DEFAULT_REPLICATION_TIMINGS,
  type ReplicationTimings,
  RevocationReplicator,
} from './revocation-replicator';
import { type RevocationQuery, TokenBlacklist } from './token-blacklist';

/**
 * The Redis blacklist with a replica of the live revocations in this instance's memory, so the
 * per-request check costs no round trip. Writes go to Redis exactly as with RedisTokenBlacklist
 * (atomic scripts that also announce the change on a channel) and land in this instance's memory
 * at once; other instances apply them when the announcement arrives (typically a few ms; see
 * bench/README.md). While the replica is not in sync (boot, a reconnection, a silent subscriber),
 * `isRevoked` asks Redis as RedisTokenBlacklist does, so a revoked token is never accepted and
 * an unreachable Redis still fails closed with AuthStoreUnavailableError.
 *
 * Uses the given client and never closes it; opens one subscriber connection of its own (closed
 * on shutdown).
 */
export class ReplicatedTokenBlacklist extends TokenBlacklist implements OnApplicationShutdown {
  private readonly store: RedisTokenBlacklist;
  private readonly cache = new RevocationCache();
  private readonly replicator: RevocationReplicator;
  private readonly purge = new PeriodicTask(ReplicatedTokenBlacklist.name, () =>
    this.cache.sweep(this.clock()),
  );

  constructor(
    redis: Redis,
    private readonly clock: Clock = systemClock,
    keyPrefix = 'lex:auth:',
    timings: Partial<ReplicationTimings> = {},
  ) {
    super();
    this.store = new RedisTokenBlacklist(redis, clock, keyPrefix);
    const keys = new RedisRevocationKeys(keyPrefix);
    const all = { ...DEFAULT_REPLICATION_TIMINGS, ...timings };
    this.replicator = new RevocationReplicator(redis, this.cache, keys, clock, all);
  }

  /** Whether `isRevoked` is answered from memory right now (false: it asks Redis). */
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

  /** @inheritdoc In sync: from memory, no I/O. Otherwise: one MGET, as RedisTokenBlacklist. */
  isRevoked(query: RevocationQuery): Promise<boolean> {
    if (!this.replicator.current) return this.store.isRevoked(query);
    return Promise.resolve(this.cache.isRevoked(query, this.clock()));
  }

  /** @inheritdoc Always one MGET, as RedisTokenBlacklist: never answered from the replica. */
  override isRevokedNow(query: RevocationQuery): Promise<boolean> {
    return this.store.isRevoked(query);
  }

  /**
   * Resolves once this instance is in sync and holds every revocation written (by any instance)
   * before the call. For tests and benchmarks; requests never wait for it.
   * @throws Error when that takes longer than `timeoutMs`.
   */
  sync(timeoutMs?: number): Promise<void> {
    return this.replicator.sync(timeoutMs);
  }

  /** Stops the purge timer and closes the subscriber connection (Nest calls it on `app.close()`). */
  onApplicationShutdown(): void {
    this.purge.stop();
    this.replicator.close();
  }
}
