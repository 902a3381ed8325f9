import type { Clock } from '../../packages/nest-auth/src/common/clock';
import { MemorySessionStore } from '../../packages/nest-auth/src/sessions/memory-session-store';
import type { SessionStore } from '../../packages/nest-auth/src/sessions/session-store';
import { TypeOrmSessionStore } from '../../packages/nest-auth/src/sessions/typeorm-session-store';
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
