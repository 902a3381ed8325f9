import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import type { Clock } from '../common/clock';
import type { RevocationCache } from './revocation-cache';
import type { RevocationFeed } from './revocation-feed';
import { markerMessage, parseRevocationMessage } from './revocation-message';

/** Timings of the replica; the defaults suit a store on the LAN. */
export interface ReplicationTimings {
  /** How often the feed's connection is pinged. @default 1000 */
  heartbeatMs: number;
  /**
   * How long after the feed last answered the replica stops trusting itself (a silent network
   * partition the socket has not noticed yet). @default 3000
   */
  staleAfterMs: number;
  /** Wait before retrying a failed full load, or a lost connection. @default 500 */
  resyncRetryMs: number;
  /** Entries read per round trip of a full load. @default 1000 */
  scanCount: number;
}

export const DEFAULT_REPLICATION_TIMINGS: ReplicationTimings = {
  heartbeatMs: 1000,
  staleAfterMs: 3000,
  resyncRetryMs: 500,
  scanCount: 1000,
};

/**
 * Keeps a RevocationCache in step with a shared store through its RevocationFeed. On every
 * (re)connection: out of sync, subscribe (and wait for the store to confirm), then load the whole
 * live set, then in sync. Messages are applied as they come, during the load too: changes merge
 * monotonically, so their order against the load does not matter, and nothing written before the
 * subscription is missed since the load starts after it.
 *
 * Not trusted (`current` false): from a drop of the feed until the next full load; while the
 * store's own connection is down (the feed saw every change meanwhile, so no reload); while the
 * feed has not answered for `staleAfterMs` (a silent partition: messages queue on the same
 * connection ahead of the next answer, so trust returns with it).
 */
export class RevocationReplicator {
  private readonly logger = new Logger('RevocationReplicator');
  private generation = 0;
  private inSync = false;
  private lastHeardAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private resynced = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly markerWaiters = new Map<string, () => void>();

  constructor(
    private readonly feed: RevocationFeed,
    private readonly cache: RevocationCache,
    private readonly clock: Clock,
    private readonly timings: ReplicationTimings = DEFAULT_REPLICATION_TIMINGS,
  ) {
    this.heartbeat = setInterval(() => this.beat(), timings.heartbeatMs);
    this.heartbeat.unref();
    feed.start({
      message: (raw) => this.receive(raw),
      ready: () => void this.resync(),
      lost: () => this.lose(),
    });
  }

  /** Whether the cache holds every revocation the store holds (up to the propagation delay). */
  get current(): boolean {
    return (
      this.inSync &&
      this.feed.connected &&
      performance.now() - this.lastHeardAt <= this.timings.staleAfterMs
    );
  }

  /**
   * Resolves once this replica is in sync and holds every revocation written to the store before
   * the call (a marker published after them has come back on the feed).
   * @throws Error when that takes longer than `timeoutMs`.
   */
  async sync(timeoutMs = 5000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    await this.untilCurrent(deadline);
    const marker = randomBytes(9).toString('base64url');
    const arrived = new Promise<void>((resolve) => this.markerWaiters.set(marker, resolve));
    try {
      await this.feed.publish(markerMessage(marker));
      await withTimeout(arrived, deadline - performance.now());
    } finally {
      this.markerWaiters.delete(marker);
    }
    // The marker may have started a reload (SQLite learns of other writers that way).
    await this.untilCurrent(deadline);
  }

  /** Closes the feed and stops the timers; idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.lose();
    await this.feed.close();
  }

  private async untilCurrent(deadline: number): Promise<void> {
    while (!this.current) {
      if (performance.now() > deadline) throw new Error('revocation replica is not in sync');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async resync(): Promise<void> {
    // This load supersedes a pending retry, which would only start another one.
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const generation = ++this.generation;
    this.inSync = false;
    try {
      await this.feed.subscribe();
      this.lastHeardAt = performance.now();
      const loaded = await this.feed.load(this.cache, () => generation === this.generation);
      if (generation !== this.generation || this.closed) return;
      this.inSync = true;
      // Worth a line after an outage; the first load at boot is routine.
      if (this.resynced) {
        this.logger.log(`In sync with ${this.feed.storeName} again: ${loaded} live revocations.`);
      }
      this.resynced = true;
    } catch {
      if (generation === this.generation && !this.closed) this.retryLater();
    }
  }

  /**
   * A listener that threw would escape into the driver's socket handler and could bring the
   * process down; and a change that was not applied leaves the cache behind the store. So a
   * failure drops trust (requests ask the store) and reloads everything.
   */
  private receive(raw: string): void {
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
    if (!this.feed.connected) return;
    this.feed.ping().then(
      () => (this.lastHeardAt = performance.now()),
      () => undefined,
    );
  }

  private lose(): void {
    this.generation += 1;
    if (this.inSync && !this.closed) {
      this.logger.warn(
        `Revocation replica out of sync; checking ${this.feed.storeName} per request until resynced.`,
      );
    }
    this.inSync = false;
  }

  private retryLater(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      // Until the store's own connection is back too; a feed that reconnects says so itself.
      if (this.feed.connected) void this.resync();
      else this.retryLater();
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
