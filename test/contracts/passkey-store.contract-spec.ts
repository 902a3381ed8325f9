import { randomBytes, randomUUID } from 'node:crypto';
import { AuthStoreUnavailableError } from '../../packages/nest-auth/src/errors/auth.errors';
import { MemoryPasskeyStore } from '../../packages/nest-auth/src/passkeys/memory-passkey-store';
import type {
  PasskeyChallengeRecord,
  PasskeyRecord,
  PasskeyStore,
} from '../../packages/nest-auth/src/passkeys/passkey-store';
import { TypeOrmPasskeyStore } from '../../packages/nest-auth/src/passkeys/typeorm-passkey-store';
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

const T0 = Date.UTC(2026, 0, 1, 12);
const MINUTE = 60_000;
const NO_LIMIT = 100;

const BACKENDS: StoreBackend<PasskeyStore, void>[] = [
  {
    name: 'memory',
    durable: false,
    shared: false,
    create: () => {
      const store = new MemoryPasskeyStore(() => T0);
      return Promise.resolve({
        subject: store,
        close: () => Promise.resolve(store.onApplicationShutdown()),
      });
    },
  },
  ...TYPEORM_DATABASES.map((kind) =>
    typeOrmBackend<PasskeyStore, void>(kind, (ds) => new TypeOrmPasskeyStore(ds, () => T0)),
  ),
];

/** A passkey as the registration service would insert it. */
function passkey(changes: Partial<PasskeyRecord> = {}): PasskeyRecord {
  return {
    ...{ id: randomUUID(), userId: 'user-1', credentialId: randomBytes(32).toString('base64url') },
    ...{ publicKey: randomBytes(77).toString('base64url'), counter: 0, transports: ['internal'] },
    ...{ deviceType: 'multiDevice', backedUp: true, name: 'Laptop ✓ Touch ID' },
    ...{ createdAt: new Date(T0), lastUsedAt: null },
    ...changes,
  };
}

function challenge(changes: Partial<PasskeyChallengeRecord> = {}): PasskeyChallengeRecord {
  return {
    ...{ id: randomUUID(), challengeHash: randomBytes(32).toString('hex') },
    ...{ purpose: 'authentication', userId: null, mfaChallengeHash: null },
    expiresAt: new Date(T0 + MINUTE),
    ...changes,
  };
}

describe.each(BACKENDS)('PasskeyStore contract ($name)', (backend) => {
  let handle: BackendHandle<PasskeyStore>;
  let store: PasskeyStore;
  /** The store itself, and on a shared backend a second instance on the same database. */
  const instances = async () => (backend.shared ? [store, await openAnother(handle)] : [store]);

  beforeEach(async () => {
    handle = await backend.create();
    store = handle.subject;
  });

  afterEach(() => handle.close());

  describe('passkeys', () => {
    it('stores every field and finds a passkey by its credential id', async () => {
      const key = passkey({ counter: 7, transports: ['usb', 'nfc'], backedUp: false });
      await expect(store.insert(key, NO_LIMIT)).resolves.toBe('inserted');

      await expect(store.findByCredentialId(key.credentialId)).resolves.toEqual(key);
      await expect(store.findByCredentialId('unknown')).resolves.toBeNull();
    });

    it('refuses a credential id that is already registered, to anyone', async () => {
      const first = passkey();
      await store.insert(first, NO_LIMIT);

      const again = passkey({ userId: 'user-2', credentialId: first.credentialId });
      await expect(store.insert(again, NO_LIMIT)).resolves.toBe('credential_taken');
      await expect(store.findByCredentialId(first.credentialId)).resolves.toEqual(first);
    });

    it("refuses a passkey past the user's limit; other users' do not count", async () => {
      await store.insert(passkey(), 2);
      await store.insert(passkey({ userId: 'user-2' }), 2);
      await expect(store.insert(passkey(), 2)).resolves.toBe('inserted');

      await expect(store.insert(passkey(), 2)).resolves.toBe('limit_reached');
      await expect(store.countByUser('user-1')).resolves.toBe(2);
    });

    it('never exceeds the limit under 20 parallel inserts for one user', async () => {
      const stores = await instances();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => stores[i % stores.length].insert(passkey(), 3)),
      );

      expect(results.filter((r) => r === 'inserted')).toHaveLength(3);
      await expect(store.countByUser('user-1')).resolves.toBe(3);
    });

    it("lists the user's passkeys oldest first, and only theirs", async () => {
      const later = passkey({ createdAt: new Date(T0 + 5) });
      const earlier = passkey({ createdAt: new Date(T0) });
      await store.insert(later, NO_LIMIT);
      await store.insert(earlier, NO_LIMIT);
      await store.insert(passkey({ userId: 'user-2' }), NO_LIMIT);

      await expect(store.listByUser('user-1')).resolves.toEqual([earlier, later]);
      await expect(store.listByUser('nobody')).resolves.toEqual([]);
    });

    it("renames the user's own passkey; someone else's stays as it was", async () => {
      const key = passkey();
      await store.insert(key, NO_LIMIT);

      await expect(store.rename('user-2', key.id, 'stolen')).resolves.toBeNull();
      await expect(store.rename('user-1', key.id, 'YubiKey 5')).resolves.toEqual({
        ...key,
        name: 'YubiKey 5',
      });
      await expect(store.findByCredentialId(key.credentialId)).resolves.toMatchObject({
        name: 'YubiKey 5',
      });
    });

    it("deletes the user's own passkey once; unknown or others' answer false", async () => {
      const key = passkey();
      await store.insert(key, NO_LIMIT);

      await expect(store.delete('user-2', key.id)).resolves.toBe(false);
      await expect(store.delete('user-1', randomUUID())).resolves.toBe(false);
      await expect(store.delete('user-1', key.id)).resolves.toBe(true);
      await expect(store.delete('user-1', key.id)).resolves.toBe(false);
      await expect(store.findByCredentialId(key.credentialId)).resolves.toBeNull();
    });
  });

  describe('recordUse (the signature counter)', () => {
    it('advances a growing counter and records the use; an equal or lower one is refused', async () => {
      const key = passkey({ counter: 5, backedUp: false });
      await store.insert(key, NO_LIMIT);

      await expect(store.recordUse(key.id, 6, true, new Date(T0 + 1))).resolves.toBe(true);
      await expect(store.recordUse(key.id, 6, true, new Date(T0 + 2))).resolves.toBe(false);
      await expect(store.recordUse(key.id, 3, true, new Date(T0 + 3))).resolves.toBe(false);

      await expect(store.findByCredentialId(key.credentialId)).resolves.toEqual({
        ...key,
        counter: 6,
        backedUp: true,
        lastUsedAt: new Date(T0 + 1),
      });
    });

    it('accepts 0 again for an authenticator without a counter, but not 0 after a counter', async () => {
      const none = passkey({ counter: 0 });
      const counted = passkey({ counter: 2 });
      await store.insert(none, NO_LIMIT);
      await store.insert(counted, NO_LIMIT);

      await expect(store.recordUse(none.id, 0, true, new Date(T0 + 1))).resolves.toBe(true);
      await expect(store.recordUse(none.id, 0, true, new Date(T0 + 2))).resolves.toBe(true);
      await expect(store.recordUse(counted.id, 0, true, new Date(T0 + 1))).resolves.toBe(false);
    });

    it('lets exactly one of 20 parallel uses with one counter value win', async () => {
      const key = passkey({ counter: 1 });
      await store.insert(key, NO_LIMIT);
      const stores = await instances();

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          stores[i % stores.length].recordUse(key.id, 2, true, new Date(T0)),
        ),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('challenges', () => {
    it('spends a challenge once by id, returning what it was issued for', async () => {
      const c = challenge({ purpose: 'second_factor', userId: 'user-1', mfaChallengeHash: 'ab12' });
      await store.createChallenge(c);

      await expect(store.consumeChallenge(c.id, new Date(T0))).resolves.toEqual(c);
      await expect(store.consumeChallenge(c.id, new Date(T0))).resolves.toBeNull();
      await expect(store.consumeChallengeByHash(c.challengeHash, new Date(T0))).resolves.toBeNull();
    });

    it('spends a challenge once by its hash', async () => {
      const c = challenge({ purpose: 'registration', userId: 'user-1' });
      await store.createChallenge(c);

      await expect(store.consumeChallengeByHash(c.challengeHash, new Date(T0))).resolves.toEqual(c);
      await expect(store.consumeChallengeByHash(c.challengeHash, new Date(T0))).resolves.toBeNull();
      await expect(store.consumeChallenge(c.id, new Date(T0))).resolves.toBeNull();
    });

    it('refuses an unknown challenge, and one at or past its expiry', async () => {
      const c = challenge();
      await store.createChallenge(c);

      await expect(store.consumeChallenge(randomUUID(), new Date(T0))).resolves.toBeNull();
      await expect(store.consumeChallenge(c.id, c.expiresAt)).resolves.toBeNull();
    });

    it('lets exactly one of 20 parallel spends of one challenge win', async () => {
      const c = challenge();
      await store.createChallenge(c);
      const stores = await instances();

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? stores[i % stores.length].consumeChallenge(c.id, new Date(T0))
            : stores[i % stores.length].consumeChallengeByHash(c.challengeHash, new Date(T0)),
        ),
      );

      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it('purges spent and expired challenges and keeps live ones', async () => {
      const spent = challenge();
      const expired = challenge({ expiresAt: new Date(T0 - 1) });
      const live = challenge();
      for (const c of [spent, expired, live]) await store.createChallenge(c);
      await store.consumeChallenge(spent.id, new Date(T0));

      await store.purgeExpired(new Date(T0));

      // A purged challenge is gone even to a clock that would still call it live.
      await expect(store.consumeChallenge(expired.id, new Date(T0 - 10))).resolves.toBeNull();
      await expect(store.consumeChallenge(live.id, new Date(T0))).resolves.toEqual(live);
    });
  });

  if (backend.durable) {
    it('keeps passkeys, counters and challenges across a restart', async () => {
      const key = passkey();
      const c = challenge();
      await store.insert(key, NO_LIMIT);
      await store.recordUse(key.id, 4, true, new Date(T0 + 1));
      await store.createChallenge(c);

      const restarted = await reopen(handle);

      await expect(restarted.findByCredentialId(key.credentialId)).resolves.toMatchObject({
        counter: 4,
        lastUsedAt: new Date(T0 + 1),
      });
      await expect(restarted.consumeChallenge(c.id, new Date(T0))).resolves.toEqual(c);
    });

    it('answers AuthStoreUnavailableError when the database is gone', async () => {
      await disconnect(handle);

      expect(await rejectionOf(store.findByCredentialId('x'))).toBeInstanceOf(
        AuthStoreUnavailableError,
      );
      expect(await rejectionOf(store.consumeChallenge(randomUUID(), new Date(T0)))).toBeInstanceOf(
        AuthStoreUnavailableError,
      );
    });
  }
});
