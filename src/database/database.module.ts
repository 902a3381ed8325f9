import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { DATABASE_RETRY } from './database-reachability';
import { assertSchemaCurrent, SchemaBehindError } from './schema-check';

/** The host's TypeORM connection: SQLite embedded by default, PostgreSQL in production. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        // A database still starting gets a few quick retries; a schema behind the code gets none.
        retryAttempts: DATABASE_RETRY.retries,
        retryDelay: DATABASE_RETRY.delayMs,
        toRetry: (error: unknown) => !(error instanceof SchemaBehindError),
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        if (!options!.migrationsRun) await assertSchemaCurrent(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
