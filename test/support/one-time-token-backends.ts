import type { OneTimeTokenStore } from '../../packages/nest-auth/src/one-time-tokens/one-time-token-store';
import { MemoryOneTimeTokenStore } from '../../packages/nest-auth/src/one-time-tokens/memory-one-time-token-store';
import { TypeOrmOneTimeTokenStore } from '../../packages/nest-auth/src/one-time-tokens/typeorm-one-time-token-store';
import { accountStateBackends } from './account-state-backends';

/** Every OneTimeTokenStore implementation: memory, then TypeORM on SQLite and PostgreSQL. */
export const ONE_TIME_TOKEN_STORE_BACKENDS = accountStateBackends<OneTimeTokenStore>(
  (clock) => new MemoryOneTimeTokenStore(clock),
  (dataSource, clock) => new TypeOrmOneTimeTokenStore(dataSource, clock),
);
