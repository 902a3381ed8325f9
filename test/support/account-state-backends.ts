import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../packages/nest-auth/src/common/clock';
import { type StoreBackend, TYPEORM_DATABASES, typeOrmBackend } from './store-backends';

/** What an account-state store under test is built with. */
export interface ClockDeps {
  clock: Clock;
}

/**
 * The backends of a durable account-state store (one-time tokens, MFA, ...), which lives in
 * memory for `store: memory` and in the SQL database otherwise, never in Redis: the memory
 * implementation, then TypeORM on each database of `TYPEORM_DATABASES`.
 */
export function accountStateBackends<T>(
  memory: (clock: Clock) => T & OnApplicationShutdown,
  typeOrm: (dataSource: DataSource, clock: Clock) => T,
): StoreBackend<T, ClockDeps>[] {
  return [
    {
      name: 'memory',
      durable: false,
      shared: false,
      create: ({ clock }) => {
        const subject = memory(clock);
        return Promise.resolve({
          subject,
          close: () => Promise.resolve(subject.onApplicationShutdown()),
        });
      },
    },
    ...TYPEORM_DATABASES.map((kind) =>
      typeOrmBackend<T, ClockDeps>(kind, (dataSource, { clock }) => typeOrm(dataSource, clock)),
    ),
  ];
}
