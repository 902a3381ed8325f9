import type { DataSource } from 'typeorm';

/** The part of a better-sqlite3 connection a read uses (the package does not depend on it). */
interface SqliteConnection {
  prepare(sql: string): { all(...parameters: unknown[]): unknown[] };
}

/**
 * A read run once per request by key (`GET /auth/me`'s user), in the driver's placeholders.
 * On better-sqlite3 the statement is prepared once on TypeORM's own connection and run there
 * synchronously: a query runner per call (its creation, events and release) costs several times
 * the lookup, and SQLite has no network to wait for. The connection is the same one TypeORM
 * uses, so a read sees exactly what a TypeORM query would, and it goes to TypeORM's query log.
 * Other drivers go through `DataSource.query`.
 * @returns a function of the parameters to the rows; driver errors reject, as with TypeORM
 */
export function preparedRead<Row>(
  dataSource: DataSource,
  sql: string,
): (...parameters: unknown[]) => Promise<Row[]> {
  if (dataSource.options.type !== 'better-sqlite3') {
    return (...parameters) => dataSource.query<Row[]>(sql, parameters);
  }
  let prepared: { on: SqliteConnection; all(...parameters: unknown[]): unknown[] } | undefined;
  const run = (parameters: unknown[]): Row[] => {
    // The host's TypeORM query log sees the read as it would see TypeORM's own.
    dataSource.logger.logQuery(sql, parameters);
    try {
      // A DataSource closed and opened again has a new connection; a closed one throws here.
      const connection = (dataSource.driver as unknown as { databaseConnection: SqliteConnection })
        .databaseConnection;
      if (prepared?.on !== connection) {
        const statement = connection.prepare(sql);
        prepared = { on: connection, all: (...p) => statement.all(...p) };
      }
      return prepared.all(...parameters) as Row[];
    } catch (error) {
      dataSource.logger.logQueryError(error as Error, sql, parameters);
      throw error;
    }
  };
  return (...parameters) => new Promise((resolve) => resolve(run(parameters)));
}
