import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  AUTH_ENTITIES,
  AUTH_MIGRATIONS,
  AUTH_USER_ENTITIES,
  AUTH_USER_MIGRATIONS,
} from '../../packages/nest-auth/src/typeorm';
import { makeTempDir } from './temp-dirs';
import type { TestDatabase } from './test-database';

/** A fresh SQLite file in its own temporary folder, migrated like the app's database. */
export class SqliteTestDatabase implements TestDatabase {
  private readonly folder = makeTempDir('lex-auth-contract-');
  private readonly opened: DataSource[] = [];

  /** @inheritdoc */
  async open(): Promise<DataSource> {
    const dataSource = new DataSource({
      type: 'better-sqlite3',
      database: join(this.folder, 'auth.sqlite'),
      entities: [...AUTH_USER_ENTITIES, ...AUTH_ENTITIES],
      migrations: [...AUTH_USER_MIGRATIONS, ...AUTH_MIGRATIONS],
      migrationsRun: true,
      logging: false,
    });
    this.opened.push(await dataSource.initialize());
    return dataSource;
  }

  /** @inheritdoc */
  async dispose(): Promise<void> {
    for (const dataSource of this.opened.splice(0)) {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}
