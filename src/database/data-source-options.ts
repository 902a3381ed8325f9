import type { DataSourceOptions } from 'typeorm';
import {
  AUTH_ENTITIES,
  AUTH_MIGRATIONS,
  AUTH_USER_ENTITIES,
  AUTH_USER_MIGRATIONS,
} from '@lexigram/nest-auth/typeorm';
import type { AppConfig } from '../config/app-config';

/**
 * TypeORM options for the host's database: the module's ready `users` table and its own auth
 * tables, one migration list. Used by the app and by the migration CLI (ormconfig.ts).
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const { database } = config;
  const common: Pick<
    DataSourceOptions,
    'entities' | 'migrations' | 'migrationsRun' | 'synchronize' | 'logging'
  > = {
    entities: [...AUTH_USER_ENTITIES, ...AUTH_ENTITIES],
    migrations: [...AUTH_USER_MIGRATIONS, ...AUTH_MIGRATIONS],
    migrationsRun: config.runsMigrationsAtBoot,
    synchronize: database.synchronize && config.runsMigrationsAtBoot,
    logging: false,
  };
  if (database.type === 'sqlite') {
    // WAL lets the admin CLI read while the app writes; busy_timeout waits out a brief lock.
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: true,
      timeout: 5000,
    };
  }
  return {
    ...common,
    type: 'postgres',
    host: database.host,
    port: database.port,
    username: database.username,
    password: database.password,
    database: database.database,
    // A database that does not answer must fail the request fast (503), never hang it.
    connectTimeoutMS: 2000,
    extra: { max: 10, connectionTimeoutMillis: 2000, statement_timeout: 5000, query_timeout: 5000 },
  };
}
