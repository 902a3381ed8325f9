import { DataSource } from 'typeorm';
import {
  AUTH_ENTITIES,
  AUTH_MIGRATIONS,
  AUTH_USER_ENTITIES,
  AUTH_USER_MIGRATIONS,
} from '../../packages/nest-auth/src/typeorm';
import type { PostgresDatabaseCoordinates } from './services/postgres-server';
import { sharedPostgres } from './services/shared-services';
import type { TestDatabase } from './test-database';

/**
 * Databases of this worker that a finished TestDatabase emptied. CREATE DATABASE copies the
 * template's files (about 0.1–0.3 s here); emptying the tables takes a few milliseconds.
 */
const emptied: PostgresDatabaseCoordinates[] = [];

/**
 * A database of its own on the run's shared PostgreSQL server, migrated like the app's database
 * (AUTH_USER_MIGRATIONS + AUTH_MIGRATIONS) and empty: a new one, or one an earlier test of this
 * worker emptied again (every table truncated but the migrations table).
 */
export class PostgresTestDatabase implements TestDatabase {
  private readonly server = sharedPostgres();
  private database: Promise<PostgresDatabaseCoordinates> | null = null;
  private readonly opened: DataSource[] = [];

  /** The server this database is on. */
  get host(): { host: string; port: number } {
    return { host: this.server.host, port: this.server.port };
  }

  /**
   * @inheritdoc
   * @param via where to connect instead of the server itself (a TcpProxy to it)
   */
  async open(via?: { host: string; port: number }): Promise<DataSource> {
    this.database ??= Promise.resolve(emptied.pop() ?? this.server.createDatabase());
    const dataSource = dataSourceFor({ ...(await this.database), ...via });
    this.opened.push(await dataSource.initialize());
    return dataSource;
  }

  /** @inheritdoc */
  async dispose(): Promise<void> {
    for (const dataSource of this.opened.splice(0)) {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
    if (!this.database) return;
    const database = await this.database;
    this.database = null;
    try {
      await truncateAll(database);
      emptied.push(database);
    } catch {
      await this.server.dropDatabase(database.database);
    }
  }
}

function dataSourceFor({ host, port, user, database }: PostgresDatabaseCoordinates): DataSource {
  return new DataSource({
    type: 'postgres',
    host,
    port,
    username: user,
    database,
    entities: [...AUTH_USER_ENTITIES, ...AUTH_ENTITIES],
    migrations: [...AUTH_USER_MIGRATIONS, ...AUTH_MIGRATIONS],
    migrationsRun: true,
    logging: false,
    // As the app's options: a database that does not answer fails fast instead of hanging.
    connectTimeoutMS: 2000,
  });
}

/** Empties every table the migrations made, keeping the schema and the migrations record. */
async function truncateAll(database: PostgresDatabaseCoordinates): Promise<void> {
  const dataSource = await dataSourceFor(database).initialize();
  try {
    const tables = await dataSource.query<{ name: string }[]>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables
       WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    const names = tables.map((table) => table.name).join(', ');
    if (names) await dataSource.query(`TRUNCATE ${names} RESTART IDENTITY CASCADE`);
  } finally {
    await dataSource.destroy();
  }
}
