import type { Clock } from '../../src/auth/common/clock';
import { MemoryOneTimeTokenStore } from '../../src/auth/one-time-tokens/memory-one-time-token-store';
import type { OneTimeTokenStore } from '../../src/auth/one-time-tokens/one-time-token-store';
import { TypeOrmOneTimeTokenStore } from '../../src/auth/one-time-tokens/typeorm-one-time-token-store';
import { type StoreBackend, TYPEORM_DATABASES, typeOrmBackend } from './store-backends';

export interface OneTimeTokenDeps {
  clock: Clock;
}

/** Every OneTimeTokenStore implementation: memory, then TypeORM on SQLite and PostgreSQL. */
export const ONE_TIME_TOKEN_STORE_BACKENDS: StoreBackend<OneTimeTokenStore, OneTimeTokenDeps>[] = [
  {
    name: 'memory',
    durable: false,
    shared: false,
    create: ({ clock }) => {
      const subject = new MemoryOneTimeTokenStore(clock);
      return Promise.resolve({
        subject,
        close: () => Promise.resolve(subject.onApplicationShutdown()),
      });
    },
  },
  ...TYPEORM_DATABASES.map((kind) =>
    typeOrmBackend<OneTimeTokenStore, OneTimeTokenDeps>(
      kind,
      (dataSource, { clock }) => new TypeOrmOneTimeTokenStore(dataSource, clock),
    ),
  ),
];
