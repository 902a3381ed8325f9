import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Clock } from '../common/clock';
import type { RedisRevocationKeys } from './redis-revocation-keys';
import type { RevocationCache } from './revocation-cache';
import { loadLiveRevocations } from './revocation-load';
import { markerMessage, parseRevocationMessage } from './revocation-message';

/** Timings of the replica; the defaults suit a LAN Redis. */
export interface ReplicationTimings {
  /** How often the subscriber connection is pinged. @default 1000 */
  heartbeatMs: number;
  /**
   * How long after the subscriber last answered the replica stops trusting itself (a silent
   * network partition the socket has not noticed yet). @default 3000
   */
  staleAfterMs: number;
  /** Wait before retrying a failed full load while the subscriber is connected. @default 500 */
  resyncRetryMs: number;
  /** Index members read per ZSCAN call of a full load. @default 1000 */
  scanCount: number;
}

export const DEFAULT_REPLICATION_TIMINGS: ReplicationTimings = {
  heartbeatMs: 1000,
  staleAfterMs: 3000,
  resyncRetryMs: 500,
  scanCount: 1000,
};

/**
 * Keeps a RevocationCache in step with Redis over a subscriber connection of its own (a
 * `duplicate()` of the store's client). On every (re)connection: out of sync, SUBSCRIBE (and wait
 * for Redis to confirm), then load the whole live set with ZSCAN over the index, then in sync.
 * Messages are applied as they come, during the load too: changes merge monotonically, so their
 * order against the load does not matter, and nothing written before the SUBSCRIBE is missed
 * since the load starts after it. (ioredis re-subscribes by itself on reconnect; the explicit
 * SUBSCRIBE is how this class learns when the subscription is in place.)
 *
 * Not trusted (`current` false): from a drop of the subscriber until the next full load; while
 * the store's own client is not ready (the subscriber saw every change meanwhile, so no reload);
 * while the subscriber has not answered for `staleAfterMs` (a silent partition: messages queue
 * on the same connection ahead of the next answer, so trust returns with it).
 */
export class RevocationReplicator {
  private readonly logger = new Logger('RevocationReplicator');
  private readonly subscriber: Redis;
  private generation = 0;
  private inSync = false;
  private lastHeardAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private resynced = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly markerWaiters = new Map<string, () => void>();

  constructor(
    private readonly redis: Redis,
    private readonly cache: RevocationCache,
    private readonly keys: RedisRevocationKeys,
    private readonly clock: Clock,
    private readonly timings: ReplicationTimings = DEFAULT_REPLICATION_TIMINGS,
  ) {
    this.subscriber = redis.duplicate();
    // The store's own client already logs outages; the subscriber sees the same ones.
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, message: string) =>
      this.receive(channel, message),
    );
    this.subscriber.on('ready', () => void this.resync());
    this.subscriber.on('close', () => this.lose());
    this.heartbeat = setInterval(() => this.beat(), timings.heartbeatMs);
    this.heartbeat.unref();
    // A host client made with `lazyConnect` duplicates to one that waits for a first command,
    // which a subscriber never sends: the replica would stay out of sync for good.
    if (this.subscriber.status === 'wait') this.subscriber.connect().catch(() => undefined);
  }

  /** Whether the cache holds every revocation Redis holds (up to the propagation delay). */
  get current(): boolean {
    return (
      this.inSync &&
      this.subscriber.status === 'ready' &&
      this.redis.status === 'ready' &&
      performance.now() - this.lastHeardAt <= this.timings.staleAfterMs
    );
  }

  /**
   * Resolves once this replica is in sync and holds every revocation written to Redis before the
   * call (a marker published after them has come back on the channel).
   * @throws Error when that takes longer than `timeoutMs`.
   */
  async sync(timeoutMs = 5000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!this.current) {
      if (performance.now() > deadline) throw new Error('revocation replica is not in sync');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const marker = randomBytes(9).toString('base64url');
    const arrived = new Promise<void>((resolve) => this.markerWaiters.set(marker, resolve));
    try {
      await this.redis.publish(this.keys.channel, markerMessage(marker));
      await withTimeout(arrived, deadline - performance.now());
    } finally {
      this.markerWaiters.delete(marker);
    }
  }

  /** Closes the subscriber connection and stops the timers; idempotent. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.lose();
    this.subscriber.disconnect();
  }

  private async resync(): Promise<void> {
    // This load supersedes a pending retry, which would only start another one.
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const generation = ++this.generation;
    this.inSync = false;
    try {
      await this.subscriber.subscribe(this.keys.channel);
      this.lastHeardAt = performance.now();
      const loaded = await loadLiveRevocations(this.redis, this.keys, this.cache, this.clock, {
        scanCount: this.timings.scanCount,
        wanted: () => generation === this.generation,
      });
      if (generation !== this.generation || this.closed) return;
      this.inSync = true;
      // Worth a line after an outage; the first load at boot is routine.
      if (this.resynced) this.logger.log(`In sync with Redis again: ${loaded} live revocations.`);
      this.resynced = true;
    } catch {
      if (generation === this.generation && !this.closed) this.retryLater();
    }
  }

  /**
   * A listener that threw would escape into ioredis's socket handler and could bring the process
   * down; and a change that was not applied leaves the cache behind Redis. So a failure drops
   * trust (requests ask Redis) and reloads everything.
   */
  private receive(channel: string, raw: string): void {
    if (channel !== this.keys.channel) return;
    this.lastHeardAt = performance.now();
    try {
      this.apply(raw);
    } catch (error) {
      this.logger.error(`Could not apply a revocation message; resyncing: ${String(error)}`);
      this.lose();
      this.retryLater();
    }
  }

  private apply(raw: string): void {
    const message = parseRevocationMessage(raw);
    if (!message) return;
    const now = this.clock();
    if (message.kind === 'id') this.cache.revokeId(message.id, message.expiresAt, now);
    else if (message.kind === 'user') {
      this.cache.revokeUser(message.userId, message.revokedBefore, message.expiresAt, now);
    } else this.markerWaiters.get(message.marker)?.();
  }

  private beat(): void {
    if (this.subscriber.status !== 'ready') return;
    this.subscriber.ping().then(
      () => (this.lastHeardAt = performance.now()),
      () => undefined,
    );
  }

  private lose(): void {
    this.generation += 1;
    if (this.inSync && !this.closed) {
      this.logger.warn(
        'Revocation replica out of sync; checking Redis per request until resynced.',
      );
    }
    this.inSync = false;
  }

  private retryLater(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.subscriber.status === 'ready') void this.resync();
    }, this.timings.resyncRetryMs);
    this.retryTimer.unref();
  }
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('revocation replica sync timed out')), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
