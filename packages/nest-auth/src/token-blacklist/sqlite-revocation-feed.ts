import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import { SqlStore } from '../sql/sql-store';
import type { RevocationCache } from './revocation-cache';
import type { FeedListener, RevocationFeed } from './revocation-feed';
import { loadSqlRevocations } from './sql-revocation-load';

/**
 * SQLite's RevocationFeed. The app's one connection owns the file, so its replica is written
 * through by its own writes and needs no channel. Other processes can still write the file (the
 * admin CLI revokes tokens: `tokens:revoke-user`, `users:reset-password`), which the replica must
 * not miss: the heartbeat reads `PRAGMA data_version`, which changes exactly when another
 * connection has committed to the file, and a change reloads the live set.
 */
export class SqliteRevocationFeed implements RevocationFeed {
  readonly storeName = 'the database';
  private readonly sql: SqlStore;
  private listener: FeedListener | null = null;
  private seenVersion: number | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly pageSize: number,
  ) {
    this.sql = new SqlStore(dataSource, 'token blacklist');
  }

  /** @inheritdoc */
  get connected(): boolean {
    return this.dataSource.isInitialized;
  }

  /** @inheritdoc There is no connection to wait for: the first load starts at once. */
  start(listener: FeedListener): void {
    this.listener = listener;
    setImmediate(() => listener.ready());
  }

  /** @inheritdoc From here on, another process's commit shows as a new data_version. */
  async subscribe(): Promise<void> {
    this.seenVersion = await this.dataVersion();
  }

  /** @inheritdoc */
  load(cache: RevocationCache, wanted: () => boolean): Promise<number> {
    return loadSqlRevocations(this.sql, cache, this.clock, { pageSize: this.pageSize, wanted });
  }

  /** @inheritdoc Another process wrote the file since the last load: reload. */
  async ping(): Promise<void> {
    const version = await this.dataVersion();
    if (this.seenVersion === null || version === this.seenVersion) return;
    this.seenVersion = null;
    this.listener?.lost();
    this.listener?.ready();
  }

  /** @inheritdoc Only this process listens: checks for other writers first, then delivers. */
  async publish(message: string): Promise<void> {
    await this.ping();
    this.listener?.message(message);
  }

  /** @inheritdoc Nothing of its own to close: the DataSource is the host's. */
  close(): Promise<void> {
    this.listener = null;
    return Promise.resolve();
  }

  private async dataVersion(): Promise<number> {
    const [row] = await this.sql.run('PRAGMA data_version', {});
    return Number(row?.data_version);
  }
}
