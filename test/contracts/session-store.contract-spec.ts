import { randomUUID } from 'node:crypto';
import { AuthStoreUnavailableError } from '../../packages/nest-auth/src/errors/auth.errors';
import { SESSIONS_TABLE } from '../../packages/nest-auth/src/sessions/auth-session.entity';
import type { NewSession, SessionStore } from '../../packages/nest-auth/src/sessions/session-store';
import { TypeOrmSessionStore } from '../../packages/nest-auth/src/sessions/typeorm-session-store';
import { MAX_PURGED_PER_RUN } from '../../packages/nest-auth/src/sql/sql-store';
import { FakeClock } from '../support/fake-clock';
import { rejectionsOf } from '../support/rejection-of';
import { SESSION_STORE_BACKENDS } from '../support/session-store-backends';
import {
  type BackendHandle,
  disconnect,
  openAnother,
  reopen,
  TYPEORM_DATABASES,
} from '../support/store-backends';

const HOUR_MS = 3_600_000;

describe.each(SESSION_STORE_BACKENDS)('SessionStore contract ($name)', (backend) => {
  let clock: FakeClock;
  let handle: BackendHandle<SessionStore>;
  let store: SessionStore;

  beforeEach(async () => {
    clock = new FakeClock();
    handle = await backend.create({ clock: clock.now });
    store = handle.subject;
  });

  afterEach(() => handle.close());

  const inHours = (hours: number): Date => new Date(clock.now() + hours * HOUR_MS);
  /** Records a session of `userId` expiring in an hour; returns its id. */
  async function start(userId = 'user-1', extra: Partial<NewSession> = {}): Promise<string> {
    const id = randomUUID();
    await store.create({
      id,
      userId,
      userAgent: 'agent',
      ip: '203.0.113.7',
      ...extra,
      expiresAt: inHours(1),
    });
    return id;
  }
  const listedIds = async (userId = 'user-1') =>
    (await store.listLive(userId)).map((session) => session.id);

  it('records a session used now, found live by id', async () => {
    const id = randomUUID();
    const now = clock.now();
    await store.create({
      id,
      userId: 'user-1',
      userAgent: 'Mozilla/5.0 (X11; Linux) — Ünïcode',
      ip: '2001:db8::1',
      expiresAt: inHours(1),
    });

    await expect(store.findLive(id)).resolves.toEqual({
      id,
      userId: 'user-1',
      userAgent: 'Mozilla/5.0 (X11; Linux) — Ünïcode',
      ip: '2001:db8::1',
      createdAt: new Date(now),
      lastUsedAt: new Date(now),
      expiresAt: new Date(now + HOUR_MS),
      revokedAt: null,
    });
  });

  it('keeps an unknown client as nulls and a 512-character user agent whole', async () => {
    const anonymous = await start('user-1', { userAgent: null, ip: null });
    const long = await start('user-1', { userAgent: 'a'.repeat(512) });

    await expect(store.findLive(anonymous)).resolves.toMatchObject({ userAgent: null, ip: null });
    await expect(store.findLive(long)).resolves.toMatchObject({ userAgent: 'a'.repeat(512) });
  });

  it('finds no session for an unknown id', async () => {
    await expect(store.findLive(randomUUID())).resolves.toBeNull();
    await expect(store.listLive('nobody')).resolves.toEqual([]);
  });

  it('stops listing a session at its expiry', async () => {
    const id = await start();

    clock.advance(HOUR_MS - 1);
    expect(await listedIds()).toEqual([id]);
    clock.advance(1);
    expect(await listedIds()).toEqual([]);
    await expect(store.findLive(id)).resolves.toBeNull();
  });

  it("lists only the user's live sessions, most recently used first", async () => {
    const oldest = await start();
    clock.advance(1000);
    const middle = await start();
    clock.advance(1000);
    const newest = await start();
    const revoked = await start();
    await store.revoke(revoked);
    await start('user-2');

    expect(await listedIds()).toEqual([newest, middle, oldest]);
    clock.advance(1000);
    await store.touch(oldest, inHours(1));
    expect(await listedIds()).toEqual([oldest, newest, middle]);
  });

  it('breaks a tie of last use by creation, then by the greater id, as byMostRecentUse does', async () => {
    const first = await start();
    clock.advance(1000);
    const [a, b] = [await start(), await start()];
    clock.advance(1000);
    await store.touch(first, inHours(1));
    await store.touch(a, inHours(1));
    await store.touch(b, inHours(1));

    const tied = [a, b].sort().reverse();
    expect(await listedIds()).toEqual([...tied, first]);
  });

  describe('touch', () => {
    it('marks a use now and moves the expiry', async () => {
      const id = await start();
      const created = clock.now();
      clock.advance(HOUR_MS / 2);

      await expect(store.touch(id, inHours(1))).resolves.toBe(true);
      await expect(store.findLive(id)).resolves.toMatchObject({
        createdAt: new Date(created),
        lastUsedAt: new Date(clock.now()),
        expiresAt: inHours(1),
      });
      clock.advance(HOUR_MS - 1);
      expect(await listedIds()).toEqual([id]);
    });

    it('never brings a revoked session back', async () => {
      const id = await start();
      await store.revoke(id);

      await expect(store.touch(id, inHours(2))).resolves.toBe(false);
      await expect(store.findLive(id)).resolves.toBeNull();
      expect(await listedIds()).toEqual([]);
    });

    it('answers false for an unknown session and records nothing', async () => {
      const id = randomUUID();
      await expect(store.touch(id, inHours(1))).resolves.toBe(false);
      await expect(store.findLive(id)).resolves.toBeNull();
    });
  });

  describe('revoke', () => {
    it('revokes once: true, then false', async () => {
      const id = await start();

      await expect(store.revoke(id)).resolves.toBe(true);
      await expect(store.revoke(id)).resolves.toBe(false);
      await expect(store.findLive(id)).resolves.toBeNull();
      await expect(store.revoke(randomUUID())).resolves.toBe(false);
    });

    it('lets exactly one of 20 parallel revokes of one session win', async () => {
      const id = await start();

      const results = await Promise.all(Array.from({ length: 20 }, () => store.revoke(id)));

      expect(results.filter(Boolean)).toHaveLength(1);
    });

    if (backend.shared) {
      it('lets exactly one of 20 parallel revokes from two instances win, touches losing to it', async () => {
        const id = await start();
        const instances = [store, await openAnother(handle)];

        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            i % 4 === 3
              ? instances[i % 2].touch(id, inHours(2)).then(() => false)
              : instances[i % 2].revoke(id),
          ),
        );

        expect(results.filter(Boolean)).toHaveLength(1);
        await expect(instances[1].findLive(id)).resolves.toBeNull();
        await expect(instances[0].touch(id, inHours(2))).resolves.toBe(false);
      });
    }

    it("revokes every session of a user, and no other user's", async () => {
      await start();
      await start();
      const revokedBefore = await start();
      await store.revoke(revokedBefore);
      const other = await start('user-2');

      await expect(store.revokeAllForUser('user-1')).resolves.toBe(2);
      await expect(store.revokeAllForUser('user-1')).resolves.toBe(0);
      expect(await listedIds()).toEqual([]);
      expect(await listedIds('user-2')).toEqual([other]);
    });
  });

  it('purges revoked and expired records and keeps the live ones', async () => {
    const expired = await start();
    clock.advance(HOUR_MS / 2);
    const revoked = await start();
    await store.revoke(revoked);
    const live = await start();
    clock.advance(HOUR_MS / 2);

    await store.purgeExpired();

    await expect(store.touch(expired, inHours(1))).resolves.toBe(false);
    await expect(store.revoke(revoked)).resolves.toBe(false);
    expect(await listedIds()).toEqual([live]);
    await expect(store.touch(live, inHours(1))).resolves.toBe(true);
  });

  if (backend.durable) {
    it('keeps sessions and revocations across a restart', async () => {
      const live = await start();
      const revoked = await start();
      await store.revoke(revoked);

      const restarted = await reopen(handle);
      await expect(restarted.findLive(live)).resolves.toMatchObject({ id: live, userId: 'user-1' });
      await expect(restarted.findLive(revoked)).resolves.toBeNull();
      await expect(restarted.revoke(revoked)).resolves.toBe(false);
    });

    it('fails closed with AuthStoreUnavailableError when the store is unreachable', async () => {
      const id = await start();
      await disconnect(handle);

      const errors = await rejectionsOf([
        store.create({
          id: randomUUID(),
          userId: 'u',
          userAgent: null,
          ip: null,
          expiresAt: inHours(1),
        }),
        store.findLive(id),
        store.listLive('user-1'),
        store.touch(id, inHours(1)),
        store.revoke(id),
        store.revokeAllForUser('user-1'),
        store.purgeExpired(),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthStoreUnavailableError);
        expect(error).toMatchObject({ store: 'session store' });
      }
    });
  }
});

/** The table stays bounded: the purge deletes revoked and expired rows, and only those. */
describe.each(TYPEORM_DATABASES)('TypeOrmSessionStore purge ($name)', (kind) => {
  it('deletes the rows of revoked and expired sessions and keeps the live ones', async () => {
    const clock = new FakeClock();
    const db = kind.create();
    const dataSource = await db.open();
    const store = new TypeOrmSessionStore(dataSource, clock.now);
    try {
      const session = (id: string, hours: number) => ({
        id,
        userId: 'user-1',
        userAgent: null,
        ip: null,
        expiresAt: new Date(clock.now() + hours * HOUR_MS),
      });
      await store.create(session('expired', 1));
      await store.create(session('revoked', 2));
      await store.create(session('live', 2));
      await store.revoke('revoked');
      clock.advance(HOUR_MS);

      await store.purgeExpired();

      const rows = await dataSource.query<{ id: string }[]>(
        `SELECT id FROM ${SESSIONS_TABLE} ORDER BY id`,
      );
      expect(rows.map((row) => row.id)).toEqual(['live']);
    } finally {
      store.onApplicationShutdown();
      await db.dispose();
    }
  });

  it('deletes a large backlog a bounded number of rows per call, and all of it over calls', async () => {
    const clock = new FakeClock();
    const db = kind.create();
    const dataSource = await db.open();
    const store = new TypeOrmSessionStore(dataSource, clock.now);
    try {
      const backlog = MAX_PURGED_PER_RUN + 500;
      // One statement, so the backlog costs milliseconds to write on both databases.
      await dataSource.query(
        `INSERT INTO ${SESSIONS_TABLE} (id, user_id, created_at, last_used_at, expires_at)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${backlog})
         SELECT 'ended-' || i, 'user-1', 0, 0, 1 FROM n`,
      );
      await store.create({
        ...{ id: 'live', userId: 'user-1', userAgent: null, ip: null },
        expiresAt: new Date(clock.now() + HOUR_MS),
      });
      const count = async () =>
        Number(
          (
            await dataSource.query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ${SESSIONS_TABLE}`)
          )[0].n,
        );

      await store.purgeExpired();
      expect(await count()).toBe(501);
      await store.purgeExpired();
      expect(await count()).toBe(1);
    } finally {
      store.onApplicationShutdown();
      await db.dispose();
    }
  });
});
