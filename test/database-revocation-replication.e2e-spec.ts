import type { DataSource } from 'typeorm';
import { AuthStoreUnavailableError } from '../packages/nest-auth/src/errors/auth.errors';
import type { ReplicatedTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/replicated-token-blacklist';
import type { ReplicationTimings } from '../packages/nest-auth/src/token-blacklist/revocation-replicator';
import {
  REVOCATION_CHANNEL,
  replicateTypeOrmBlacklist,
} from '../packages/nest-auth/src/token-blacklist/typeorm-replicated-token-blacklist';
import { TypeOrmTokenBlacklist } from '../packages/nest-auth/src/token-blacklist/typeorm-token-blacklist';
import { FakeClock } from './support/fake-clock';
import { PostgresTestDatabase } from './support/postgres-test-database';
import { TcpProxy } from './support/services/tcp-proxy';
import { waitFor } from './support/services/tcp';
import { SqliteTestDatabase } from './support/sqlite-data-source';

const HOUR_MS = 3_600_000;

/**
 * The replica behind store=database (replicateTypeOrmBlacklist) with two instances on one real
 * database: what it answers from memory, what reaches the other instance and how, how it fails
 * closed and recovers. The TokenBlacklist contract runs on it too (rows typeorm/…/replicated).
 */
describe('Revocations replicated from the database', () => {
  let clock: FakeClock;
  const replicas: ReplicatedTokenBlacklist[] = [];

  const inAnHour = () => new Date(clock.now() + HOUR_MS);
  const token = (ids: string[], userId = 'user-1', issuedAtMs = clock.now()) => ({
    ids,
    userId,
    issuedAtMs,
  });
  /** A running instance on `dataSource`: its replica loaded. */
  const instance = async (dataSource: DataSource, timings: Partial<ReplicationTimings> = {}) => {
    const replica = replicateTypeOrmBlacklist(dataSource, clock.now, timings);
    replicas.push(replica as ReplicatedTokenBlacklist);
    await (replica as ReplicatedTokenBlacklist).sync();
    return replica as ReplicatedTokenBlacklist;
  };
  /** How many statements `dataSource` runs while `run` runs. */
  const statementsDuring = async (dataSource: DataSource, run: () => Promise<unknown>) => {
    const runners = jest.spyOn(dataSource, 'createQueryRunner');
    try {
      await run();
      return runners.mock.calls.length;
    } finally {
      runners.mockRestore();
    }
  };

  beforeEach(() => {
    clock = new FakeClock();
  });

  /** Before the databases go: a replica left running would reconnect to a destroyed one. */
  const closeReplicas = () =>
    Promise.all(replicas.splice(0).map((replica) => replica.onApplicationShutdown()));

  describe('on PostgreSQL (LISTEN/NOTIFY)', () => {
    let db: PostgresTestDatabase;
    let proxy: TcpProxy;
    let a: DataSource;
    let b: DataSource;
    let admin: DataSource;

    beforeEach(async () => {
      db = new PostgresTestDatabase();
      proxy = await TcpProxy.start(db.host.host, db.host.port);
      a = await db.open();
      // Instance B reaches PostgreSQL through a proxy the tests cut and restore.
      b = await db.open({ host: '127.0.0.1', port: proxy.port });
      admin = await db.open();
    });

    afterEach(async () => {
      await closeReplicas();
      await proxy.close();
      await db.dispose();
    });

    /** A revocation committed without its NOTIFY: what a replica misses while away. */
    const writeSilently = (id: string) =>
      new TypeOrmTokenBlacklist(admin, clock.now).revoke(id, inAnHour());

    it('answers from memory, with no query, including what another instance revoked', async () => {
      const [ra, rb] = [await instance(a), await instance(b)];
      await ra.revoke('jti-1', inAnHour());
      await ra.revokeAllForUser('user-2', clock.now(), inAnHour());

      const answers: boolean[] = [];
      // No sync: the NOTIFY alone brings A's writes, and B never asks the database.
      const statements = await statementsDuring(b, async () => {
        await waitFor(
          () => rb.isRevoked(token(['jti-1'])),
          5000,
          () => 'B never saw jti-1',
        );
        await waitFor(
          () => rb.isRevoked(token(['x'], 'user-2')),
          5000,
          () => 'nor user-2',
        );
        answers.push(await rb.isRevoked(token(['jti-2'])));
      });

      expect({ answers, statements }).toEqual({ answers: [false], statements: 0 });
    });

    it('loads every live revocation at start, page by page, and skips expired ones', async () => {
      const writer = new TypeOrmTokenBlacklist(a, clock.now);
      for (let i = 0; i < 30; i++) await writer.revoke(`jti-${i}`, inAnHour());
      for (let i = 0; i < 10; i++)
        await writer.revokeAllForUser(`user-${i}`, clock.now(), inAnHour());
      await writer.revoke('short-lived', new Date(clock.now() + 1000));
      writer.onApplicationShutdown();
      clock.advance(2000);

      const replica = await instance(b, { scanCount: 7 });

      expect(replica.cachedRevocations).toBe(40);
      const statements = await statementsDuring(b, async () => {
        for (let i = 0; i < 30; i++) {
          await expect(replica.isRevoked(token([`jti-${i}`]))).resolves.toBe(true);
        }
        for (let i = 0; i < 10; i++) {
          await expect(
            replica.isRevoked(token(['x'], `user-${i}`, clock.now() - 2000)),
          ).resolves.toBe(true);
        }
        await expect(replica.isRevoked(token(['short-lived']))).resolves.toBe(false);
      });
      expect(statements).toBe(0);
    });

    it('fails closed while cut off, then reloads and sees what it missed', async () => {
      const [ra, rb] = [await instance(a), await instance(b, { resyncRetryMs: 50 })];
      await ra.revoke('jti-1', inAnHour());
      await rb.sync();

      await proxy.close();
      await waitFor(
        () => !rb.inSync,
        5000,
        () => 'B did not notice the cut',
      );
      await expect(rb.isRevoked(token(['jti-2']))).rejects.toBeInstanceOf(
        AuthStoreUnavailableError,
      );
      // Announced while B was away, and one never announced at all: only a reload finds them.
      await ra.revoke('jti-while-away', inAnHour());
      await ra.revokeAllForUser('user-away', clock.now(), inAnHour());
      await writeSilently('jti-silent');

      await proxy.reopen();
      await rb.sync();
      const answers: boolean[] = [];
      const statements = await statementsDuring(b, async () => {
        for (const id of ['jti-1', 'jti-while-away', 'jti-silent', 'jti-2']) {
          answers.push(await rb.isRevoked(token([id])));
        }
        answers.push(await rb.isRevoked(token(['x'], 'user-away')));
      });
      expect({ answers, statements }).toEqual({
        answers: [true, true, true, false, true],
        statements: 0,
      });
    });

    it('never un-revokes on a message: earlier instants, earlier expiries and garbage', async () => {
      const replica = await instance(b);
      const instant = clock.now();
      await replica.revoke('jti-1', inAnHour());
      await replica.revokeAllForUser('user-1', instant, inAnHour());

      for (const payload of [
        'i:1:jti-1',
        `u:0:${instant + 1}:user-1`,
        'u:x:1:user-1',
        'garbage',
        '',
      ]) {
        await admin.query('SELECT pg_notify($1, $2)', [REVOCATION_CHANNEL, payload]);
      }
      await replica.sync();

      expect(replica.inSync).toBe(true);
      await expect(replica.isRevoked(token(['jti-1'], 'user-9'))).resolves.toBe(true);
      await expect(replica.isRevoked(token(['jti-2'], 'user-1', instant))).resolves.toBe(true);
      await expect(replica.isRevoked(token(['jti-2'], 'user-1', instant + 1))).resolves.toBe(false);
    });

    it('closes its listening connection on shutdown', async () => {
      const connections = async () => {
        const [row] = await admin.query<{ n: string }[]>(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()',
        );
        return Number(row.n);
      };
      const before = await connections();
      const replica = await instance(a);
      expect(await connections()).toBeGreaterThan(before);

      await replica.onApplicationShutdown();
      await waitFor(
        async () => (await connections()) === before,
        5000,
        () => 'still connected',
      );
    });
  });

  describe('on SQLite (write-through, one process owns the file)', () => {
    let db: SqliteTestDatabase;
    let app: DataSource;

    beforeEach(async () => {
      db = new SqliteTestDatabase();
      app = await db.open();
    });

    afterEach(async () => {
      await closeReplicas();
      await db.dispose();
    });

    it('answers from memory with no query, its own writes at once and the live set from boot', async () => {
      const earlier = new TypeOrmTokenBlacklist(app, clock.now);
      await earlier.revoke('from-before', inAnHour());
      await earlier.revoke('expired', new Date(clock.now() + 1000));
      earlier.onApplicationShutdown();
      clock.advance(1000);
      const replica = await instance(app);

      const answers: boolean[] = [];
      await replica.revoke('jti-1', inAnHour());
      await replica.revokeAllForUser('user-2', clock.now(), inAnHour());
      const statements = await statementsDuring(app, async () => {
        for (const id of ['from-before', 'jti-1', 'expired', 'jti-2']) {
          answers.push(await replica.isRevoked(token([id])));
        }
        answers.push(await replica.isRevoked(token(['x'], 'user-2')));
      });

      expect({ answers, statements }).toEqual({
        answers: [true, true, false, false, true],
        statements: 0,
      });
    });

    it('sees a revocation another process (the admin CLI) commits to the file', async () => {
      const replica = await instance(app, { heartbeatMs: 50 });
      const cli = await db.open();
      const cliBlacklist = new TypeOrmTokenBlacklist(cli, clock.now);
      try {
        await cliBlacklist.revokeAllForUser('user-1', clock.now(), inAnHour());
        await cliBlacklist.revoke('jti-cli', inAnHour());
      } finally {
        cliBlacklist.onApplicationShutdown();
        await cli.destroy();
      }

      await waitFor(
        () => replica.isRevoked(token(['jti-cli'], 'user-9')),
        5000,
        () => 'missed',
      );
      await replica.sync();
      const answers: boolean[] = [];
      const statements = await statementsDuring(app, async () => {
        answers.push(await replica.isRevoked(token(['jti-cli'], 'user-9')));
        answers.push(await replica.isRevoked(token(['x'], 'user-1')));
      });
      expect({ answers, statements }).toEqual({ answers: [true, true], statements: 0 });
    });
  });
});
