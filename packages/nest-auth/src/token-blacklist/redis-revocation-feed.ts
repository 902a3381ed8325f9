import type { Redis } from 'ioredis';
import type { Clock } from '../common/clock';
import type { RedisRevocationKeys } from './redis-revocation-keys';
import type { RevocationCache } from './revocation-cache';
import type { FeedListener, RevocationFeed } from './revocation-feed';
import { loadLiveRevocations } from './revocation-load';

/**
 * Redis pub/sub as a RevocationFeed: a subscriber connection of its own (a `duplicate()` of the
 * store's client) on the channel the write scripts PUBLISH to; full loads ZSCAN the index.
 * ioredis re-subscribes by itself on reconnect; the explicit SUBSCRIBE is how the replicator
 * learns when the subscription is in place.
 */
export class RedisRevocationFeed implements RevocationFeed {
  readonly storeName = 'Redis';
  private readonly subscriber: Redis;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisRevocationKeys,
    private readonly clock: Clock,
    private readonly scanCount: number,
  ) {
    this.subscriber = redis.duplicate();
    // The store's own client already logs outages; the subscriber sees the same ones.
    this.subscriber.on('error', () => undefined);
  }

  /** @inheritdoc */
  get connected(): boolean {
    return this.subscriber.status === 'ready' && this.redis.status === 'ready';
  }

  /** @inheritdoc */
  start(listener: FeedListener): void {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.keys.channel) listener.message(message);
    });
    this.subscriber.on('ready', () => listener.ready());
    this.subscriber.on('close', () => listener.lost());
    // A host client made with `lazyConnect` duplicates to one that waits for a first command,
    // which a subscriber never sends: the replica would stay out of sync for good.
    if (this.subscriber.status === 'wait') this.subscriber.connect().catch(() => undefined);
  }

  /** @inheritdoc */
  async subscribe(): Promise<void> {
    await this.subscriber.subscribe(this.keys.channel);
  }

  /** @inheritdoc */
  load(cache: RevocationCache, wanted: () => boolean): Promise<number> {
    return loadLiveRevocations(this.redis, this.keys, cache, this.clock, {
      scanCount: this.scanCount,
      wanted,
    });
  }

  /** @inheritdoc PING on the subscriber: its reply queues behind the messages sent before it. */
  async ping(): Promise<void> {
    await this.subscriber.ping();
  }

  /** @inheritdoc */
  async publish(message: string): Promise<void> {
    await this.redis.publish(this.keys.channel, message);
  }

  /** @inheritdoc */
  close(): Promise<void> {
    this.subscriber.disconnect();
    return Promise.resolve();
  }
}
