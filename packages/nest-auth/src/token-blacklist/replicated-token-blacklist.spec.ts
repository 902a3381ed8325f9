import { MemoryTokenBlacklist } from './memory-token-blacklist';
import { ReplicatedTokenBlacklist } from './replicated-token-blacklist';
import type { RevocationCache } from './revocation-cache';
import type { FeedListener, RevocationFeed } from './revocation-feed';
import { DEFAULT_REPLICATION_TIMINGS } from './revocation-replicator';
import type { RevocationQuery } from './token-blacklist';

const NOW = 1_000_000;
const LATER = new Date(NOW + 60_000);
const token = (ids: string[], userId = 'user-1', issuedAtMs = NOW): RevocationQuery => ({
  ids,
  userId,
  issuedAtMs,
});

/** A feed driven by the test: it decides when the connection is up and what arrives. */
class FakeFeed implements RevocationFeed {
  readonly storeName = 'the fake store';
  connected = false;
  listener!: FeedListener;
  /** What a full load finds in the store. */
  storeIds: string[] = [];
  loads = 0;
  closed = false;

  start(listener: FeedListener): void {
    this.listener = listener;
  }

  subscribe(): Promise<void> {
    return Promise.resolve();
  }

  load(cache: RevocationCache): Promise<number> {
    this.loads += 1;
    for (const id of this.storeIds) cache.revokeId(id, LATER.getTime(), NOW);
    return Promise.resolve(this.storeIds.length);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  publish(message: string): Promise<void> {
    this.listener.message(message);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  /** The connection comes up; resolves once the replicator has loaded. */
  async connect(): Promise<void> {
    this.connected = true;
    this.listener.ready();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('ReplicatedTokenBlacklist', () => {
  let store: MemoryTokenBlacklist;
  let feed: FakeFeed;
  let blacklist: ReplicatedTokenBlacklist;

  beforeEach(() => {
    store = new MemoryTokenBlacklist(() => NOW);
    feed = new FakeFeed();
    blacklist = new ReplicatedTokenBlacklist(store, feed, () => NOW, DEFAULT_REPLICATION_TIMINGS);
  });

  afterEach(() => blacklist.onApplicationShutdown());

  it('asks the store until the first load is done, then answers from memory', async () => {
    await store.revoke('jti-1', LATER);
    const asked = jest.spyOn(store, 'isRevoked');

    await expect(blacklist.isRevoked(token(['jti-1']))).resolves.toBe(true);
    expect(asked).toHaveBeenCalledTimes(1);

    feed.storeIds = ['jti-1'];
    await feed.connect();
    expect(blacklist.inSync).toBe(true);
    await expect(blacklist.isRevoked(token(['jti-1']))).resolves.toBe(true);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('writes to the store and to memory at once', async () => {
    await feed.connect();

    await blacklist.revoke('jti-1', LATER);
    await blacklist.revokeAllForUser('user-2', NOW, LATER);

    await expect(store.isRevoked(token(['jti-1']))).resolves.toBe(true);
    expect(blacklist.cachedRevocations).toBe(2);
    await expect(blacklist.isRevoked(token(['x'], 'user-2'))).resolves.toBe(true);
  });

  it('applies announced changes and ignores messages that would revoke less', async () => {
    await feed.connect();
    feed.listener.message(`i:${LATER.getTime()}:jti-1`);
    feed.listener.message(`u:${NOW}:${LATER.getTime()}:user-1`);

    for (const raw of [`i:${NOW}:jti-1`, `u:0:${NOW + 1}:user-1`, 'u:x:1:user-1', 'nonsense']) {
      feed.listener.message(raw);
    }

    await expect(blacklist.isRevoked(token(['jti-1'], 'user-9'))).resolves.toBe(true);
    await expect(blacklist.isRevoked(token(['y'], 'user-1', NOW))).resolves.toBe(true);
    await expect(blacklist.isRevoked(token(['y'], 'user-1', NOW + 1))).resolves.toBe(false);
  });

  it('stops trusting memory when the feed is lost, and reloads when it is back', async () => {
    await feed.connect();
    const asked = jest.spyOn(store, 'isRevoked');

    feed.connected = false;
    feed.listener.lost();
    await blacklist.isRevoked(token(['jti-1']));
    expect(blacklist.inSync).toBe(false);
    expect(asked).toHaveBeenCalledTimes(1);

    feed.storeIds = ['missed-while-away'];
    await feed.connect();
    expect(feed.loads).toBe(2);
    await expect(blacklist.isRevoked(token(['missed-while-away']))).resolves.toBe(true);
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('always asks the store for isRevokedNow', async () => {
    await feed.connect();
    const asked = jest.spyOn(store, 'isRevokedNow');

    await blacklist.isRevokedNow(token(['jti-1']));

    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('sync resolves once its marker came back over the feed', async () => {
    await feed.connect();
    const published = jest.spyOn(feed, 'publish');

    await blacklist.sync(1000);

    expect(published).toHaveBeenCalledWith(expect.stringMatching(/^m:/));
  });

  it('closes the feed and stops the store on shutdown', async () => {
    const stopped = jest.spyOn(store, 'onApplicationShutdown');

    await blacklist.onApplicationShutdown();

    expect(feed.closed).toBe(true);
    expect(stopped).toHaveBeenCalledTimes(1);
  });
});
