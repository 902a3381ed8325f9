import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { ONE_TIME_TOKENS_TABLE as T } from './one-time-token.entity';
import type { SqlRow } from '../sql/run-statement';
import { SqlStore } from '../sql/sql-store';
import {
  type OneTimeTokenPurpose,
  type OneTimeTokenRecord,
  OneTimeTokenStore,
} from './one-time-token-store';

const STORE_NAME = 'one-time token store';

const LIVE = 'used_at IS NULL AND expires_at > :now';

const INSERT_SQL = `
INSERT INTO ${T} (token_hash, user_id, purpose, expires_at, used_at, created_at)
VALUES (:hash, :userId, :purpose, :expiresAt, NULL, :now)`;

const PEEK_SQL = `SELECT user_id, expires_at FROM ${T}
WHERE token_hash = :hash AND purpose = :purpose AND ${LIVE}`;

/*
 * The single-use guarantee: the row changes only while `used_at` is null, and the database
 * serialises writers on the row (PostgreSQL re-checks the WHERE clause on the row a concurrent
 * winner wrote; SQLite has one writer), so of N concurrent consumers exactly one gets it back.
 */
const CONSUME_SQL = `
UPDATE ${T} SET used_at = :now
WHERE token_hash = :hash AND purpose = :purpose AND ${LIVE}
RETURNING user_id, expires_at`;

const INVALIDATE_ALL_SQL = `UPDATE ${T} SET used_at = :now
WHERE user_id = :userId AND purpose = :purpose AND ${LIVE}`;

/**
 * One-time tokens in the application's SQL database (SQLite or PostgreSQL via TypeORM): shared
 * by every instance and kept across restarts. Needs the table of `AUTH_MIGRATIONS`.
 */
export class TypeOrmOneTimeTokenStore extends OneTimeTokenStore implements OnApplicationShutdown {
  private readonly sql: SqlStore;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME, () => this.purgeExpired());
  }

  /** @inheritdoc */
  async invalidateAll(userId: string, purpose: OneTimeTokenPurpose): Promise<void> {
    await this.sql.run(INVALIDATE_ALL_SQL, { userId, purpose, now: this.clock() });
  }

  /**
   * Deletes spent and expired tokens, at most a bounded number per call (the next run takes the
   * rest). A timer runs it every minute; a host may also call it from its own scheduler.
   */
  async purgeExpired(): Promise<void> {
    await this.sql.deleteInBatches(T, 'token_hash', 'expires_at <= :now OR used_at IS NOT NULL', {
      now: this.clock(),
    });
  }

  /** Stops the purge timer (Nest calls it on `app.close()`); the DataSource is the host's. */
  onApplicationShutdown(): void {
    this.sql.stop();
  }

  protected async insertHash(
    hash: string,
    userId: string,
    purpose: OneTimeTokenPurpose,
    ttlMs: number,
  ): Promise<void> {
    const now = this.clock();
    await this.sql.run(INSERT_SQL, { hash, userId, purpose, expiresAt: now + ttlMs, now });
  }

  protected async peekHash(
    hash: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<OneTimeTokenRecord | null> {
    const [row] = await this.sql.run(PEEK_SQL, { hash, purpose, now: this.clock() });
    return row ? toRecord(row, purpose) : null;
  }

  protected async consumeHash(
    hash: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<OneTimeTokenRecord | null> {
    const [row] = await this.sql.run(CONSUME_SQL, { hash, purpose, now: this.clock() });
    return row ? toRecord(row, purpose) : null;
  }
}

function toRecord(row: SqlRow, purpose: OneTimeTokenPurpose): OneTimeTokenRecord {
  return { userId: String(row.user_id), purpose, expiresAt: new Date(Number(row.expires_at)) };
}
