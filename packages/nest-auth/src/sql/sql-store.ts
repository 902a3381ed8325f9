import type { DataSource, ObjectLiteral, QueryRunner } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import { storeOutages } from '../errors/store-outages';
import { queryRows, runStatement, type SqlRow } from './run-statement';

// A purge deletes in short statements, so a large backlog never holds a table's locks for long;
// what one run leaves, the next takes.
const PURGE_BATCH = 1000;
const PURGE_BATCHES_PER_RUN = 10;
/** The most rows one `deleteInBatches` call deletes. */
export const MAX_PURGED_PER_RUN = PURGE_BATCH * PURGE_BATCHES_PER_RUN;

/**
 * What every TypeORM-backed auth store shares: statements whose failures are
 * AuthStoreUnavailableError naming the store (503, never 500), and, when given, a purge of
 * expired rows on a timer. The DataSource is the host's: nothing here closes it.
 */
export class SqlStore {
  private readonly purgeTask: PeriodicTask | null;

  /** @param purge run every minute until `stop()` (Nest calls the store's shutdown hook) */
  constructor(
    private readonly dataSource: DataSource,
    private readonly storeName: string,
    purge?: () => Promise<void>,
  ) {
    this.purgeTask = purge ? new PeriodicTask(storeName, purge) : null;
  }

  /** Runs one statement with `:name` parameters; see `runStatement`. */
  run(sql: string, parameters: ObjectLiteral): Promise<SqlRow[]> {
    return runStatement(this.dataSource, this.storeName, sql, parameters);
  }

  /**
   * Runs `sql` holding a transaction-scoped lock on `lockKey` on PostgreSQL, whose READ COMMITTED
   * statements could otherwise both read a count below a limit and both insert. SQLite runs one
   * write at a time, so a single statement is already atomic there.
   */
  async runLocked(lockKey: string, sql: string, parameters: ObjectLiteral): Promise<SqlRow[]> {
    if (this.dataSource.options.type !== 'postgres') return this.run(sql, parameters);
    return storeOutages.run(this.storeName, async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return await this.inTransaction(runner, lockKey, sql, parameters);
      } finally {
        await runner.release();
      }
    });
  }

  private async inTransaction(
    runner: QueryRunner,
    lockKey: string,
    sql: string,
    parameters: ObjectLiteral,
  ): Promise<SqlRow[]> {
    await runner.startTransaction();
    try {
      // Released at commit or rollback; hashtext spreads keys over the lock space.
      await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
      const rows = await queryRows(this.dataSource, runner, sql, parameters);
      await runner.commitTransaction();
      return rows;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Deletes the rows of `table` matching `where`, in batches picked by the key column `key`, at
   * most a bounded number per call. Table, key and condition are the store's constants, never input.
   * @returns how many rows were deleted
   */
  async deleteInBatches(
    table: string,
    key: string,
    where: string,
    parameters: ObjectLiteral,
  ): Promise<number> {
    const sql = `DELETE FROM ${table} WHERE ${key} IN (
      SELECT ${key} FROM ${table} WHERE ${where} LIMIT ${PURGE_BATCH}) RETURNING ${key}`;
    let deleted = 0;
    for (let batch = 0; batch < PURGE_BATCHES_PER_RUN; batch++) {
      const rows = await this.run(sql, parameters);
      deleted += rows.length;
      if (rows.length < PURGE_BATCH) break;
    }
    return deleted;
  }

  /** Stops the purge timer; idempotent. */
  stop(): void {
    this.purgeTask?.stop();
  }
}
