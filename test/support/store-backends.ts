import type { DataSource } from 'typeorm';
import type { Clock } from '../../packages/nest-auth/src/common/clock';
import type { LockoutPolicy } from '../../packages/nest-auth/src/login-attempt-tracker/lockout-policy';
import type { LoginAttemptTracker } from '../../packages/nest-auth/src/login-attempt-tracker/login-attempt-tracker';
import { MemoryLoginAttemptTracker } from '../../packages/nest-auth/src/login-attempt-tracker/memory-login-attempt-tracker';
import { RedisLoginAttemptTracker } from '../../packages/nest-auth/src/login-attempt-tracker/redis-login-attempt-tracker';
import { TypeOrmLoginAttemptTracker } from '../../packages/nest-auth/src/login-attempt-tracker/typeorm-login-attempt-tracker';
import { MemoryTokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/memory-token-blacklist';
import { RedisTokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/redis-token-blacklist';
import { replicateRedisBlacklist } from '../../packages/nest-auth/src/token-blacklist/redis-replicated-token-blacklist';
import type { TokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/token-blacklist';
import { TypeOrmTokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/typeorm-token-blacklist';
import { TypeOrmUserStore } from '../../packages/nest-auth/src/typeorm';
import { MemoryUserStore } from '../../packages/nest-auth/src/user-store/memory-user-store';
import type { UserStore } from '../../packages/nest-auth/src/user-store/user-store';
import { PostgresTestDatabase } from './postgres-test-database';
import { redisBackend } from './redis-backend';
import { replicatedTypeOrmBackend } from './replicated-typeorm-backend';
import { SqliteTestDatabase } from './sqlite-data-source';
import type { TestDatabase } from './test-database';

/** One store under test, with what it holds open. */
export interface BackendHandle<T> {
  subject: T;
  /**
   * Closes the connection and builds a new subject on the same storage (a restart). Present
   * exactly when the backend is `durable`.
   */
  reopen?: () => Promise<T>;
  /** Cuts the subject off from its storage (the database goes away). Present when `durable`. */
  disconnect?: () => Promise<void>;
  /**
   * A second subject on the same storage through a connection of its own: another app instance.
   * Present exactly when the backend is `shared`.
   */
  openAnother?: () => Promise<T>;
  /**
   * Waits until every subject of this handle reflects every write made so far, on any of them.
   * Present when a backend replicates asynchronously (the Redis blacklist keeps a replica of the
   * revocations in each instance's memory, fed over pub/sub): a write is visible at once on the
   * instance that made it, and on the others a few ms later. Contract tests call it, when present,
   * between a write on one instance and a read on another, and after a restart; it is the only
   * place where they allow for replication, so every other assertion holds without waiting. It
   * works by publishing a marker after the writes and waiting until each instance has received
   * it (see ReplicatedTokenBlacklist.sync).
   */
  settle?: () => Promise<void>;
  /** Stops the subject's timers and releases its connection and storage. */
  close(): Promise<void>;
}

/** A row of a contract suite's `describe.each`. */
export interface StoreBackend<T, D> {
  name: string;
  /**
   * Whether state lives outside the process; durable backends also run the restart and the
   * unreachable-store tests.
   */
  durable: boolean;
  /**
   * Whether several app instances can work on the storage at once; shared backends also run
   * the races between two instances.
   */
  shared: boolean;
  create(deps: D): Promise<BackendHandle<T>>;
}

export interface TrackerDeps {
  policy: LockoutPolicy;
  clock: Clock;
}

export interface BlacklistDeps {
  clock: Clock;
}

/** Lets a store stop its purge timer, as Nest would on shutdown. */
function shutdown(subject: unknown): void {
  (subject as { onApplicationShutdown?: () => void }).onApplicationShutdown?.();
}

function memoryBackend<T, D>(build: (deps: D) => T): StoreBackend<T, D> {
  return {
    name: 'memory',
    durable: false,
    shared: false,
    create: (deps) => {
      const subject = build(deps);
      return Promise.resolve({ subject, close: () => Promise.resolve(shutdown(subject)) });
    },
  };
}

/** A TypeORM store on a real database; each `create` gets a database of its own. */
export function typeOrmBackend<T, D>(
  kind: DatabaseKind,
  build: (dataSource: DataSource, deps: D) => T,
): StoreBackend<T, D> {
  return {
    name: `typeorm/${kind.name}`,
    durable: true,
    shared: kind.shared,
    create: async (deps) => {
      const db = kind.create();
      let dataSource = await db.open();
      const subjects = [build(dataSource, deps)];
      const open = async () => {
        const subject = build(await db.open(), deps);
        subjects.push(subject);
        return subject;
      };
      return {
        subject: subjects[0],
        reopen: async () => {
          shutdown(subjects[0]);
          await dataSource.destroy();
          dataSource = await db.open();
          subjects[0] = build(dataSource, deps);
          return subjects[0];
        },
        openAnother: kind.shared ? open : undefined,
        disconnect: () => dataSource.destroy(),
        close: async () => {
          subjects.forEach(shutdown);
          await db.dispose();
        },
      };
    },
  };
}

/** A real database the TypeORM stores run on; each `create` call makes a fresh, empty one. */
export interface DatabaseKind {
  name: string;
  /** Whether several app instances can use one database at once (not SQLite: one process). */
  shared: boolean;
  create(): TestDatabase;
}

/** PostgreSQL runs on the server global-setup.ts started for the run, one database per create. */
export const TYPEORM_DATABASES: DatabaseKind[] = [
  { name: 'sqlite', shared: false, create: () => new SqliteTestDatabase() },
  { name: 'postgres', shared: true, create: () => new PostgresTestDatabase() },
];

const typeOrmBackends = <T, D>(build: (dataSource: DataSource, deps: D) => T) =>
  TYPEORM_DATABASES.map((kind) => typeOrmBackend(kind, build));

// Redis holds only the shared counters and revocations; users live in the SQL database.

export const LOGIN_ATTEMPT_TRACKER_BACKENDS: StoreBackend<LoginAttemptTracker, TrackerDeps>[] = [
  memoryBackend(({ policy, clock }) => new MemoryLoginAttemptTracker(policy, clock)),
  ...typeOrmBackends<LoginAttemptTracker, TrackerDeps>(
    (ds, { policy, clock }) => new TypeOrmLoginAttemptTracker(ds, policy, clock),
  ),
  redisBackend<LoginAttemptTracker, TrackerDeps>(
    (redis, { policy, clock }, keyPrefix) =>
      new RedisLoginAttemptTracker(redis, policy, clock, keyPrefix),
  ),
];

export const TOKEN_BLACKLIST_BACKENDS: StoreBackend<TokenBlacklist, BlacklistDeps>[] = [
  memoryBackend(({ clock }) => new MemoryTokenBlacklist(clock)),
  ...typeOrmBackends<TokenBlacklist, BlacklistDeps>(
    (ds, { clock }) => new TypeOrmTokenBlacklist(ds, clock),
  ),
  // What store=database runs: the same writes, checks answered from a replica in memory.
  replicatedTypeOrmBackend('sqlite'),
  replicatedTypeOrmBackend('postgres'),
  redisBackend<TokenBlacklist, BlacklistDeps>(
    (redis, { clock }, keyPrefix) => new RedisTokenBlacklist(redis, clock, keyPrefix),
  ),
  // What store=redis runs: the same writes, checks answered from a replica in memory.
  redisBackend<TokenBlacklist, BlacklistDeps>(
    (redis, { clock }, keyPrefix) => replicateRedisBlacklist(redis, clock, keyPrefix),
    'redis/replicated',
  ),
];

export const USER_STORE_BACKENDS: StoreBackend<UserStore, void>[] = [
  memoryBackend(() => new MemoryUserStore()),
  ...typeOrmBackends<UserStore, void>((ds) => new TypeOrmUserStore(ds)),
];

/** Restarts a durable backend's subject on the same storage. */
export function reopen<T>(handle: BackendHandle<T>): Promise<T> {
  if (!handle.reopen) throw new Error('Only durable backends can be reopened');
  return handle.reopen();
}

/** A second instance on a shared backend's storage, with a connection of its own. */
export function openAnother<T>(handle: BackendHandle<T>): Promise<T> {
  if (!handle.openAnother) throw new Error('Only shared backends have other instances');
  return handle.openAnother();
}

/** Takes a durable backend's storage away from its subject. */
export function disconnect<T>(handle: BackendHandle<T>): Promise<void> {
  if (!handle.disconnect) throw new Error('Only durable backends can be disconnected');
  return handle.disconnect();
}
