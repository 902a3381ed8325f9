import type { Clock } from '../../src/auth/common/clock';
import { MemorySessionStore } from '../../src/auth/sessions/memory-session-store';
import type { SessionStore } from '../../src/auth/sessions/session-store';
import { TypeOrmSessionStore } from '../../src/auth/sessions/typeorm-session-store';
import { type StoreBackend, TYPEORM_DATABASES, typeOrmBackend } from './store-backends';

export interface SessionStoreDeps {
  clock: Clock;
}

const memory: StoreBackend<SessionStore, SessionStoreDeps> = {
  name: 'memory',
  durable: false,
  shared: false,
  create: ({ clock }) => {
    const subject = new MemorySessionStore(clock);
    return Promise.resolve({
      subject,
      close: () => Promise.resolve(subject.onApplicationShutdown()),
    });
  },
};

/** Memory, TypeORM on SQLite and TypeORM on PostgreSQL (sessions never live in Redis). */
export const SESSION_STORE_BACKENDS: StoreBackend<SessionStore, SessionStoreDeps>[] = [
  memory,
  ...TYPEORM_DATABASES.map((kind) =>
    typeOrmBackend<SessionStore, SessionStoreDeps>(
      kind,
      (dataSource, { clock }) => new TypeOrmSessionStore(dataSource, clock),
    ),
  ),
];
