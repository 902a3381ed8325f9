import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
import { REVOKED_TOKENS_TABLE as R } from './revoked-token.entity';
import { SqlStore } from '../sql/sql-store';
import { USER_REVOCATIONS_TABLE as U } from './user-revocation.entity';
import { type RevocationQuery, TokenBlacklist } from './token-blacklist';

const STORE_NAME = 'token blacklist';

/*
 * Insert-if-absent in one statement: a row comes back only when this call inserted the id, or
 * replaced an expired entry (which counts as absent). Concurrent callers serialise on the row,
 * so exactly one of them sees `true`.
 */
const REVOKE_SQL = `
INSERT INTO ${R} (id, expires_at) VALUES (:id, :expiresAt)
ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
WHERE ${R}.expires_at <= :now
RETURNING id`;

/** Keeps the later instant and the later expiry; an expired row is replaced outright. */
const REVOKE_ALL_SQL = `
INSERT INTO ${U} (user_id, revoked_before, expires_at) VALUES (:userId, :beforeMs, :expiresAt)
ON CONFLICT (user_id) DO UPDATE SET
  revoked_before = CASE
    WHEN ${U}.expires_at <= :now OR excluded.revoked_before > ${U}.revoked_before
    THEN excluded.revoked_before ELSE ${U}.revoked_before END,
  expires_at = CASE
    WHEN ${U}.expires_at <= :now OR excluded.expires_at > ${U}.expires_at
    THEN excluded.expires_at ELSE ${U}.expires_at END`;

/**
 * PostgreSQL: the write and its NOTIFY in one statement, hence one transaction: the announcement
 * goes out exactly when the write commits, so no committed revocation goes unannounced and no
 * announced one is rolled back. The payloads are `revocation-message.ts` lines.
 */
const announced = (write: string, payload: string) =>
  `WITH w AS (${write}) SELECT pg_notify(:channel, ${payload}) AS announced FROM w`;
const REVOKE_ANNOUNCED_SQL = announced(
  `${REVOKE_SQL}, expires_at`,
  `'i:' || w.expires_at || ':' || w.id`,
);
const REVOKE_ALL_ANNOUNCED_SQL = announced(
  `${REVOKE_ALL_SQL} RETURNING user_id, revoked_before, expires_at`,
  `'u:' || w.revoked_before || ':' || w.expires_at || ':' || w.user_id`,
);

const USER_REVOKED_SQL = `EXISTS (SELECT 1 FROM ${U}
  WHERE user_id = :userId AND expires_at > :now AND revoked_before >= :issuedAtMs)`;
const IDS_REVOKED_SQL = `EXISTS (SELECT 1 FROM ${R} WHERE id IN (:...ids) AND expires_at > :now)`;

/** Options of TypeOrmTokenBlacklist. */
export interface TypeOrmTokenBlacklistOptions {
  /**
   * PostgreSQL only: every write also NOTIFYs this channel (for the replicas of
   * `replicateTypeOrmBlacklist`). @default none (no NOTIFY)
   */
  notifyChannel?: string;
}

/**
 * Blacklist on the application's SQL database (SQLite or PostgreSQL via TypeORM): revocations
 * hold across instances and survive restarts. Needs the tables of `AUTH_MIGRATIONS`.
 */
export class TypeOrmTokenBlacklist extends TokenBlacklist implements OnApplicationShutdown {
  private readonly sql: SqlStore;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock = systemClock,
    private readonly options: TypeOrmTokenBlacklistOptions = {},
  ) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME, () => this.purgeExpired());
  }

  /** @inheritdoc */
  async revoke(id: string, expiresAt: Date): Promise<boolean> {
    const { notifyChannel: channel } = this.options;
    const rows = await this.sql.run(channel ? REVOKE_ANNOUNCED_SQL : REVOKE_SQL, {
      id,
      expiresAt: expiresAt.getTime(),
      now: this.clock(),
      channel,
    });
    return rows.length > 0;
  }

  /** @inheritdoc */
  async revokeAllForUser(userId: string, beforeMs: number, expiresAt: Date): Promise<void> {
    const { notifyChannel: channel } = this.options;
    await this.sql.run(channel ? REVOKE_ALL_ANNOUNCED_SQL : REVOKE_ALL_SQL, {
      channel,
      userId,
      // The column is an integer; rounding up revokes a fraction of a millisecond more, never less.
      beforeMs: Math.ceil(beforeMs),
      expiresAt: expiresAt.getTime(),
      now: this.clock(),
    });
  }

  /** @inheritdoc */
  async isRevoked({ ids, userId, issuedAtMs }: RevocationQuery): Promise<boolean> {
    // One round trip: both checks are subqueries of a single SELECT. `IN ()` is not valid SQL
    // everywhere, so the id check is left out when there are no ids.
    const checks = ids.length > 0 ? [IDS_REVOKED_SQL, USER_REVOKED_SQL] : [USER_REVOKED_SQL];
    const [row] = await this.sql.run(
      `SELECT CASE WHEN ${checks.join(' OR ')} THEN 1 ELSE 0 END AS revoked`,
      // Rounding the issue instant down errs on the side of revoking, like `beforeMs` above.
      { ids, userId, issuedAtMs: Math.floor(issuedAtMs), now: this.clock() },
    );
    // SELECT without FROM always yields one row; if not, refuse the token rather than guess.
    if (!row) throw new AuthStoreUnavailableError(STORE_NAME, new Error('No row returned'));
    return Number(row.revoked) === 1;
  }

  /**
   * Deletes the entries whose tokens have expired anyway, a bounded number per call. A timer runs
   * it every minute; a host may also call it from its own scheduler.
   */
  async purgeExpired(): Promise<void> {
    const now = this.clock();
    await this.sql.deleteInBatches(R, 'id', 'expires_at <= :now', { now });
    await this.sql.deleteInBatches(U, 'user_id', 'expires_at <= :now', { now });
  }

  /** Stops the purge timer (Nest calls it on `app.close()`); the DataSource is the host's. */
  onApplicationShutdown(): void {
    this.sql.stop();
  }
}
