import { randomUUID } from 'node:crypto';
import { generateApiKey } from '../../packages/nest-auth/src/api-keys/api-key-format';
import type {
  ApiKeyRecord,
  ApiKeyStore,
} from '../../packages/nest-auth/src/api-keys/api-key-store';
import { MemoryApiKeyStore } from '../../packages/nest-auth/src/api-keys/memory-api-key-store';
import { TypeOrmApiKeyStore } from '../../packages/nest-auth/src/api-keys/typeorm-api-key-store';
import { AuthStoreUnavailableError } from '../../packages/nest-auth/src/errors/auth.errors';
import { rejectionOf } from '../support/rejection-of';
import {
  type BackendHandle,
  disconnect,
  openAnother,
  reopen,
  type StoreBackend,
  TYPEORM_DATABASES,
  typeOrmBackend,
} from '../support/store-backends';

const MINUTE = 60_000;
const NO_LIMIT = 1000;
const T0 = Date.UTC(2026, 0, 1, 12);

const BACKENDS: StoreBackend<ApiKeyStore, void>[] = [
  {
    name: 'memory',
    durable: false,
    shared: false,
    create: () =>
      Promise.resolve({ subject: new MemoryApiKeyStore(), close: () => Promise.resolve() }),
  },
  ...TYPEORM_DATABASES.map((kind) =>
    typeOrmBackend<ApiKeyStore, void>(kind, (ds) => new TypeOrmApiKeyStore(ds)),
  ),
];

/** A key record as the service would insert it; `createdAt` defaults to T0. */
function record(changes: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  const { prefix, hash } = generateApiKey();
  return {
    ...{ id: randomUUID(), userId: 'user-1', name: 'deploy bot', prefix, hash },
    ...{ scopes: ['posts.read', 'posts.*'], createdAt: new Date(T0), expiresAt: null },
    ...{ lastUsedAt: null, revokedAt: null },
    ...changes,
  };
}

describe.each(BACKENDS)('ApiKeyStore contract ($name)', (backend) => {
  let handle: BackendHandle<ApiKeyStore>;
  let store: ApiKeyStore;

  beforeEach(async () => {
    handle = await backend.create();
    store = handle.subject;
  });

  afterEach(() => handle.close());

  describe('insert and findByPrefix', () => {
    it('stores every field and finds the key by its prefix', async () => {
      const key = record({ expiresAt: new Date(T0 + MINUTE), name: 'ünïcode ✓ name' });

      await expect(store.insert(key, NO_LIMIT)).resolves.toBe('inserted');

      await expect(store.findByPrefix(key.prefix)).resolves.toEqual(key);
      await expect(store.findByPrefix('zzzzzzzz')).resolves.toBeNull();
    });

    it('refuses a second key with a taken prefix and keeps the first', async () => {
      const first = record();
      await store.insert(first, NO_LIMIT);

      await expect(store.insert(record({ prefix: first.prefix }), NO_LIMIT)).resolves.toBe(
        'prefix_taken',
      );
      await expect(store.findByPrefix(first.prefix)).resolves.toEqual(first);
    });

    it('lets exactly one of 10 parallel inserts of one prefix win', async () => {
      const prefix = generateApiKey().prefix;
      const instances = backend.shared ? [store, await openAnother(handle)] : [store];

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          instances[i % instances.length].insert(record({ prefix }), NO_LIMIT),
        ),
      );

      expect(results.filter((r) => r === 'inserted')).toHaveLength(1);
      expect(results.filter((r) => r === 'prefix_taken')).toHaveLength(9);
    });

    it("refuses a key past the live-key limit; revoked, expired and others' keys do not count", async () => {
      await store.insert(record({ revokedAt: new Date(T0 - 1) }), NO_LIMIT);
      await store.insert(record({ expiresAt: new Date(T0) }), NO_LIMIT);
      await store.insert(record({ userId: 'user-2' }), NO_LIMIT);
      await expect(store.insert(record(), 2)).resolves.toBe('inserted');
      await expect(store.insert(record({ expiresAt: new Date(T0 + 1) }), 2)).resolves.toBe(
        'inserted',
      );

      const refused = record();
      await expect(store.insert(refused, 2)).resolves.toBe('limit_reached');
      await expect(store.findByPrefix(refused.prefix)).resolves.toBeNull();
      // A minute on, the key that expired meanwhile no longer counts.
      await expect(store.insert(record({ createdAt: new Date(T0 + MINUTE) }), 2)).resolves.toBe(
        'inserted',
      );
    });

    it('never exceeds the limit under 20 parallel inserts for one user', async () => {
      const instances = backend.shared ? [store, await openAnother(handle)] : [store];
      // Open every pooled connection first, so the inserts below reach the database together.
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => instances[i % instances.length].countLive('x', T0)),
      );

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => instances[i % instances.length].insert(record(), 3)),
      );

      expect(results.filter((r) => r === 'inserted')).toHaveLength(3);
      await expect(store.countLive('user-1', T0)).resolves.toBe(3);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const key = record();
      await store.insert(key, NO_LIMIT);
      const found = (await store.findByPrefix(key.prefix)) as ApiKeyRecord;

      found.scopes.push('admin.*');
      found.revokedAt = new Date();

      await expect(store.findByPrefix(key.prefix)).resolves.toEqual(key);
    });
  });

  describe('listByUser and countLive', () => {
    it("lists the user's keys that are not revoked, expired ones included, oldest first", async () => {
      const newer = record({ createdAt: new Date(T0 + 2) });
      const older = record({ createdAt: new Date(T0 + 1) });
      const expired = record({ createdAt: new Date(T0 + 3), expiresAt: new Date(T0) });
      const revoked = record({ revokedAt: new Date(T0) });
      const others = record({ userId: 'user-2' });
      for (const key of [newer, older, expired, revoked, others]) await store.insert(key, NO_LIMIT);

      const listed = await store.listByUser('user-1');

      expect(listed.map((k) => k.id)).toEqual([older.id, newer.id, expired.id]);
      await expect(store.listByUser('nobody')).resolves.toEqual([]);
    });

    it('counts the keys neither revoked nor expired; a key expiring now is expired', async () => {
      await store.insert(record(), NO_LIMIT);
      await store.insert(record({ expiresAt: new Date(T0 + 1) }), NO_LIMIT);
      await store.insert(record({ expiresAt: new Date(T0) }), NO_LIMIT);
      await store.insert(record({ revokedAt: new Date(T0 - 1) }), NO_LIMIT);
      await store.insert(record({ userId: 'user-2' }), NO_LIMIT);

      await expect(store.countLive('user-1', T0)).resolves.toBe(2);
      await expect(store.countLive('user-1', T0 + 1)).resolves.toBe(1);
      await expect(store.countLive('nobody', T0)).resolves.toBe(0);
    });
  });

  describe('revoke', () => {
    it("revokes the user's own key once; unknown, foreign or revoked keys answer false", async () => {
      const key = record();
      await store.insert(key, NO_LIMIT);

      await expect(store.revoke('user-2', key.id, T0)).resolves.toBe(false);
      await expect(store.revoke('user-1', randomUUID(), T0)).resolves.toBe(false);
      await expect(store.revoke('user-1', key.id, T0 + 5)).resolves.toBe(true);
      await expect(store.revoke('user-1', key.id, T0 + 6)).resolves.toBe(false);

      await expect(store.findByPrefix(key.prefix)).resolves.toMatchObject({
        revokedAt: new Date(T0 + 5),
      });
      await expect(store.listByUser('user-1')).resolves.toEqual([]);
    });

    it('lets exactly one of 20 parallel revokes of one key win', async () => {
      const key = record();
      await store.insert(key, NO_LIMIT);
      const instances = backend.shared ? [store, await openAnother(handle)] : [store];

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          instances[i % instances.length].revoke('user-1', key.id, T0),
        ),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("revokes all of one user's live keys and counts them", async () => {
      await store.insert(record(), NO_LIMIT);
      await store.insert(record({ expiresAt: new Date(T0 - 1) }), NO_LIMIT);
      await store.insert(record({ revokedAt: new Date(T0 - 1) }), NO_LIMIT);
      const others = record({ userId: 'user-2' });
      await store.insert(others, NO_LIMIT);

      await expect(store.revokeAllForUser('user-1', T0)).resolves.toBe(2);

      await expect(store.listByUser('user-1')).resolves.toEqual([]);
      await expect(store.listByUser('user-2')).resolves.toEqual([others]);
    });
  });

  describe('recordUse', () => {
    it('writes the first use, then at most once per interval', async () => {
      const key = record();
      await store.insert(key, NO_LIMIT);
      const lastUsed = async () => (await store.findByPrefix(key.prefix))?.lastUsedAt;

      await expect(store.recordUse(key.id, T0, MINUTE)).resolves.toBe(true);
      await expect(store.recordUse(key.id, T0 + MINUTE - 1, MINUTE)).resolves.toBe(false);
      await expect(lastUsed()).resolves.toEqual(new Date(T0));
      await expect(store.recordUse(key.id, T0 + MINUTE, MINUTE)).resolves.toBe(true);
      await expect(lastUsed()).resolves.toEqual(new Date(T0 + MINUTE));
      await expect(store.recordUse(randomUUID(), T0, MINUTE)).resolves.toBe(false);
    });

    it('lets exactly one of 20 parallel uses write', async () => {
      const key = record();
      await store.insert(key, NO_LIMIT);
      const instances = backend.shared ? [store, await openAnother(handle)] : [store];

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          instances[i % instances.length].recordUse(key.id, T0, MINUTE),
        ),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  it('purges the keys revoked or expired before the cutoff, and only those', async () => {
    const live = record();
    const expiring = record({ expiresAt: new Date(T0 + MINUTE) });
    const revokedLongAgo = record({ revokedAt: new Date(T0 - 2 * MINUTE) });
    const expiredLongAgo = record({ expiresAt: new Date(T0 - 2 * MINUTE) });
    const revokedJustNow = record({ revokedAt: new Date(T0) });
    for (const key of [live, expiring, revokedLongAgo, expiredLongAgo, revokedJustNow]) {
      await store.insert(key, NO_LIMIT);
    }

    await expect(store.purge(T0 - MINUTE)).resolves.toBe(2);

    await expect(store.findByPrefix(revokedLongAgo.prefix)).resolves.toBeNull();
    await expect(store.findByPrefix(expiredLongAgo.prefix)).resolves.toBeNull();
    for (const kept of [live, expiring, revokedJustNow]) {
      await expect(store.findByPrefix(kept.prefix)).resolves.toEqual(kept);
    }
  });

  if (backend.durable) {
    it('keeps keys, revocations and uses across a restart', async () => {
      const kept = record();
      const revoked = record();
      await store.insert(kept, NO_LIMIT);
      await store.insert(revoked, NO_LIMIT);
      await store.revoke('user-1', revoked.id, T0);
      await store.recordUse(kept.id, T0, MINUTE);

      const restarted = await reopen(handle);

      await expect(restarted.findByPrefix(kept.prefix)).resolves.toEqual({
        ...kept,
        lastUsedAt: new Date(T0),
      });
      await expect(restarted.findByPrefix(revoked.prefix)).resolves.toMatchObject({
        revokedAt: new Date(T0),
      });
    });

    it('answers AuthStoreUnavailableError when the database is gone', async () => {
      await disconnect(handle);

      const error = await rejectionOf(store.findByPrefix('abcdefgh'));

      expect(error).toBeInstanceOf(AuthStoreUnavailableError);
      expect((error as AuthStoreUnavailableError).store).toBe('API key store');
    });
  }
});
