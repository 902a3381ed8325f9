import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { PeriodicTask } from '../common/periodic-task';
import { ONE_TIME_TOKENS_TABLE as T } from '../typeorm/one-time-token.entity';
import { runStatement, type SqlRow } from '../typeorm/run-statement';
import {
  hashOneTimeToken,
  isWellFormedOneTimeToken,
  newOneTimeToken,
  type OneTimeTokenPurpose,
  type OneTimeTokenRecord,
  OneTimeTokenStore,
} from './one-time-token-store';

const STORE_NAME = 'one-time token store';

const LIVE = 'used_at IS NULL AND expires_at > :now';

/*
 * The single-use guarantee: the row changes only while `used_at` is null, and the database
 * serialises writers on the row, so of N concurrent consumers exactly one gets it back.
 */
const CONSUME_SQL = `
UPDATE ${T} SET used_at = :now
WHERE token_hash = :hash AND purpose = :purpose AND ${LIVE}
RETURNING user_id, expires_at`;

/**
 * One-time tokens in the application's SQL database (SQLite or PostgreSQL via TypeORM): shared
 * by every instance and kept across restarts. Needs the table of `AUTH_MIGRATIONS`.
 */
export class TypeOrmOneTimeTokenStore extends OneTimeTokenStore implements OnApplicationShutdown {
  private readonly purge = new PeriodicTask(TypeOrmOneTimeTokenStore.name, () =>
    this.purgeExpired(),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    super();
  }

  /** @inheritdoc */
  async issue(userId: string, purpose: OneTimeTokenPurpose, ttlSeconds: number): Promise<string> {
    const token = newOneTimeToken();
    const now = this.clock();
    await this.run(
      `INSERT INTO ${T} (token_hash, user_id, purpose, expires_at, used_at, created_at)
       VALUES (:hash, :userId, :purpose, :expiresAt, NULL, :now)`,
      { hash: hashOneTimeToken(token), userId, purpose, expiresAt: now + ttlSeconds * 1000, now },
    );
    return token;
  }

  /** @inheritdoc */
  async peek(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null> {
    if (!isWellFormedOneTimeToken(token)) return null;
    const [row] = await this.run(
      `SELECT user_id, expires_at FROM ${T} WHERE token_hash = :hash AND purpose = :purpose AND ${LIVE}`,
      { hash: hashOneTimeToken(token), purpose, now: this.clock() },
    );
    return row ? toRecord(row, purpose) : null;
  }

  /** @inheritdoc */
  async consume(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null> {
    if (!isWellFormedOneTimeToken(token)) return null;
    const [row] = await this.run(CONSUME_SQL, {
      hash: hashOneTimeToken(token),
      purpose,
      now: this.clock(),
    });
    return row ? toRecord(row, purpose) : null;
  }

  /** @inheritdoc */
  async invalidateAll(userId: string, purpose: OneTimeTokenPurpose): Promise<void> {
    await this.run(
      `UPDATE ${T} SET used_at = :now WHERE user_id = :userId AND purpose = :purpose AND ${LIVE}`,
      {
        userId,
        purpose,
        now: this.clock(),
      },
    );
  }

  /**
   * Deletes spent and expired tokens. A timer runs it every minute; a host may also call it
   * from its own scheduler.
   */
  async purgeExpired(): Promise<void> {
    await this.run(`DELETE FROM ${T} WHERE expires_at <= :now OR used_at IS NOT NULL`, {
      now: this.clock(),
    });
  }

  /** Stops the purge timer (Nest calls it on `app.close()`); the DataSource is the host's. */
  onApplicationShutdown(): void {
    this.purge.stop();
  }

  private run(sql: string, parameters: Record<string, unknown>): Promise<SqlRow[]> {
    return runStatement(this.dataSource, STORE_NAME, sql, parameters);
  }
}

function toRecord(row: SqlRow, purpose: OneTimeTokenPurpose): OneTimeTokenRecord {
  return {
    userId: String(row.user_id),
    purpose,
    expiresAt: new Date(Number(row.expires_at)),
  };
}
