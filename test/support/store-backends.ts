import type { DataSource } from 'typeorm';
import type { Clock } from '../../src/auth/common/clock';
import type { LockoutPolicy } from '../../src/auth/login-attempt-tracker/lockout-policy';
import type { LoginAttemptTracker } from '../../src/auth/login-attempt-tracker/login-attempt-tracker';
import { MemoryLoginAttemptTracker } from '../../src/auth/login-attempt-tracker/memory-login-attempt-tracker';
import { TypeOrmLoginAttemptTracker } from '../../src/auth/login-attempt-tracker/typeorm-login-attempt-tracker';
import { MemoryTokenBlacklist } from '../../src/auth/token-blacklist/memory-token-blacklist';
import type { TokenBlacklist } from '../../src/auth/token-blacklist/token-blacklist';
import { TypeOrmTokenBlacklist } from '../../src/auth/token-blacklist/typeorm-token-blacklist';
import { MemoryUserStore } from '../../src/auth/users/memory-user-store';
import type { UserStore } from '../../src/auth/users/user-store';
import { TypeOrmUserStore } from '../../src/users/typeorm-user-store';
import { User } from '../../src/users/user.entity';
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
    create: (deps) => {
      const subject = build(deps);
      return Promise.resolve({ subject, close: () => Promise.resolve(shutdown(subject)) });
    },
  };
}

/** A TypeORM store on a real database; each `create` gets a database of its own. */
export function typeOrmBackend<T, D>(
  name: string,
  database: () => TestDatabase,
  build: (dataSource: DataSource, deps: D) => T,
): StoreBackend<T, D> {
  return {
    name,
    durable: true,
    create: async (deps) => {
      const db = database();
      let dataSource = await db.open();
      let subject = build(dataSource, deps);
      return {
        subject,
        reopen: async () => {
          shutdown(subject);
          await dataSource.destroy();
          dataSource = await db.open();
          subject = build(dataSource, deps);
          return subject;
        },
        disconnect: () => dataSource.destroy(),
        close: async () => {
          shutdown(subject);
          await db.dispose();
        },
      };
    },
  };
}

/** A real database the TypeORM stores run on; each `create` call makes a fresh, empty one. */
export interface DatabaseKind {
  name: string;
  create(): TestDatabase;
}

/** Add PostgreSQL here ({ name: 'postgres', create: () => new PostgresTestDatabase() }). */
export const TYPEORM_DATABASES: DatabaseKind[] = [
  { name: 'sqlite', create: () => new SqliteTestDatabase() },
];

const typeOrmBackends = <T, D>(build: (dataSource: DataSource, deps: D) => T) =>
  TYPEORM_DATABASES.map((db) => typeOrmBackend(`typeorm/${db.name}`, () => db.create(), build));

// A store that is not on TypeORM (Redis) is added as one more row of each list:
// { name: 'redis', durable: true, create: async (deps) => ({ subject, reopen, close }) }.

export const LOGIN_ATTEMPT_TRACKER_BACKENDS: StoreBackend<LoginAttemptTracker, TrackerDeps>[] = [
  memoryBackend(({ policy, clock }) => new MemoryLoginAttemptTracker(policy, clock)),
  ...typeOrmBackends<LoginAttemptTracker, TrackerDeps>(
    (ds, { policy, clock }) => new TypeOrmLoginAttemptTracker(ds, policy, clock),
  ),
];

export const TOKEN_BLACKLIST_BACKENDS: StoreBackend<TokenBlacklist, BlacklistDeps>[] = [
  memoryBackend(({ clock }) => new MemoryTokenBlacklist(clock)),
  ...typeOrmBackends<TokenBlacklist, BlacklistDeps>(
    (ds, { clock }) => new TypeOrmTokenBlacklist(ds, clock),
  ),
];

export const USER_STORE_BACKENDS: StoreBackend<UserStore, void>[] = [
  memoryBackend(() => new MemoryUserStore()),
  ...typeOrmBackends<UserStore, void>((ds) => new TypeOrmUserStore(ds.getRepository(User))),
];

/** Restarts a durable backend's subject on the same storage. */
export function reopen<T>(handle: BackendHandle<T>): Promise<T> {
  if (!handle.reopen) throw new Error('Only durable backends can be reopened');
  return handle.reopen();
}

/** Takes a durable backend's storage away from its subject. */
export function disconnect<T>(handle: BackendHandle<T>): Promise<void> {
  if (!handle.disconnect) throw new Error('Only durable backends can be disconnected');
  return handle.disconnect();
}
