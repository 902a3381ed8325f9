import type { DataSource, ObjectLiteral, QueryRunner } from 'typeorm';
import { storeOutages } from '../errors/store-outages';

/** A row as the driver returns it: PostgreSQL gives `bigint` and `COUNT` as strings. */
export type SqlRow = Record<string, unknown>;

/**
 * Runs one SQL statement with `:name` parameters on any TypeORM SQL driver and returns its rows
 * (the `RETURNING` or `SELECT` rows; none for a plain write). The driver turns `:name` into its
 * own placeholders (`?` for SQLite, `$1` for PostgreSQL).
 *
 * @throws AuthStoreUnavailableError naming `storeName` for any driver or connection failure,
 * so callers fail closed with a 503 instead of a 500. Outages are logged once by `storeOutages`.
 */
export function runStatement(
  dataSource: DataSource,
  storeName: string,
  sql: string,
  parameters: ObjectLiteral,
): Promise<SqlRow[]> {
  return storeOutages.run(storeName, async () => {
    const runner = dataSource.createQueryRunner();
    try {
      return await queryRows(dataSource, runner, sql, parameters);
    } finally {
      await runner.release();
    }
  });
}

/** Runs one statement with `:name` parameters on `runner` (in its transaction, if any). */
export async function queryRows(
  dataSource: DataSource,
  runner: QueryRunner,
  sql: string,
  parameters: ObjectLiteral,
): Promise<SqlRow[]> {
  const [query, values] = dataSource.driver.escapeQueryWithParameters(sql, parameters);
  // TypeORM 1.x: only QueryRunner.query offers the structured result (`records` on every
  // driver); DataSource.query's third argument is a query runner.
  const result = await runner.query(query, values, true);
  return (result.records ?? []) as SqlRow[];
}

/** A `bigint` column value as a number, or `null` (PostgreSQL returns int8 as a string). */
export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
