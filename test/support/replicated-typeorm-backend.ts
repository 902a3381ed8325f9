import type { DataSource } from 'typeorm';
import type { ReplicatedTokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/replicated-token-blacklist';
import type { TokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/token-blacklist';
import { replicateTypeOrmBlacklist } from '../../packages/nest-auth/src/token-blacklist/typeorm-replicated-token-blacklist';
import { PostgresTestDatabase } from './postgres-test-database';
import { SqliteTestDatabase } from './sqlite-data-source';
import { TcpProxy } from './services/tcp-proxy';
import { waitFor } from './services/tcp';
import type { BackendHandle, BlacklistDeps, StoreBackend } from './store-backends';

type Replica = ReplicatedTokenBlacklist;

/** How a row reaches its database: SQLite's file, or PostgreSQL through a proxy it can cut. */
interface Storage {
  open(): Promise<DataSource>;
  /** Another instance's DataSource, on a connection of its own (PostgreSQL only). */
  openAnother?: () => Promise<DataSource>;
  /** Takes the database away from the first subject. */
  cut(dataSource: DataSource): Promise<void>;
  dispose(): Promise<void>;
}

function sqliteStorage(): Promise<Storage> {
  const db = new SqliteTestDatabase();
  return Promise.resolve({
    open: () => db.open(),
    cut: (dataSource) => dataSource.destroy(),
    dispose: () => db.dispose(),
  });
}

async function postgresStorage(): Promise<Storage> {
  const db = new PostgresTestDatabase();
  const proxy = await TcpProxy.start(db.host.host, db.host.port);
  return {
    open: () => db.open({ host: '127.0.0.1', port: proxy.port }),
    openAnother: () => db.open(),
    // The server goes away for the first subject alone: its pool and its listener both.
    cut: () => proxy.close(),
    dispose: async () => {
      await proxy.close();
      await db.dispose();
    },
  };
}

/**
 * What store=database runs (replicateTypeOrmBlacklist) on a real database: the replica is loaded
 * before the tests use it, `settle` waits until every subject holds every write made so far,
 * `disconnect` cuts the first subject off and resolves once it has noticed.
 */
export function replicatedTypeOrmBackend(
  name: 'sqlite' | 'postgres',
): StoreBackend<TokenBlacklist, BlacklistDeps> {
  return {
    name: `typeorm/${name}/replicated`,
    durable: true,
    shared: name === 'postgres',
    create: async ({ clock }): Promise<BackendHandle<TokenBlacklist>> => {
      const storage = await (name === 'sqlite' ? sqliteStorage() : postgresStorage());
      const subjects: Replica[] = [];
      const dataSources: DataSource[] = [];
      const open = async (slot: number, connect: () => Promise<DataSource>) => {
        dataSources[slot] = await connect();
        subjects[slot] = replicateTypeOrmBlacklist(dataSources[slot], clock) as Replica;
        return subjects[slot];
      };
      await (await open(0, storage.open)).sync();
      return {
        subject: subjects[0],
        reopen: async () => {
          await subjects[0].onApplicationShutdown();
          await dataSources[0].destroy();
          return open(0, storage.open);
        },
        openAnother: storage.openAnother
          ? async () => {
              const another = await open(subjects.length, storage.openAnother!);
              await another.sync();
              return another;
            }
          : undefined,
        disconnect: async () => {
          await storage.cut(dataSources[0]);
          await waitFor(
            () => !subjects[0].inSync,
            5000,
            () => 'the replica missed the cut',
          );
        },
        settle: async () => {
          await Promise.all(subjects.map((subject) => subject.sync()));
        },
        close: async () => {
          await Promise.all(subjects.map((subject) => subject.onApplicationShutdown()));
          await storage.dispose();
        },
      };
    },
  };
}
