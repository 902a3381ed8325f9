import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { type SqlRow, toNumberOrNull } from '../sql/run-statement';
import { SqlStore } from '../sql/sql-store';
import { SESSIONS_TABLE as S } from './auth-session.entity';
import { type NewSession, type SessionRecord, SessionStore } from './session-store';

const STORE_NAME = 'session store';

const COLUMNS = 'id, user_id, user_agent, ip, created_at, last_used_at, expires_at, revoked_at';
const LIVE = 'revoked_at IS NULL AND expires_at > :now';

const CREATE_SQL = `INSERT INTO ${S} (${COLUMNS})
VALUES (:id, :userId, :userAgent, :ip, :now, :now, :expiresAt, NULL)`;
const FIND_LIVE_SQL = `SELECT ${COLUMNS} FROM ${S} WHERE id = :id AND ${LIVE}`;
// The same total order as `byMostRecentUse`, so every instance ranks sessions alike.
const LIST_LIVE_SQL = `SELECT ${COLUMNS} FROM ${S} WHERE user_id = :userId AND ${LIVE}
ORDER BY last_used_at DESC, created_at DESC, id DESC`;
// Each write is one conditional statement; RETURNING tells whether this call changed the row.
const TOUCH_SQL = `UPDATE ${S} SET last_used_at = :now, expires_at = :expiresAt
WHERE id = :id AND revoked_at IS NULL RETURNING id`;
const REVOKE_SQL = `UPDATE ${S} SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL
RETURNING id`;
const REVOKE_ALL_SQL = `UPDATE ${S} SET revoked_at = :now
WHERE user_id = :userId AND revoked_at IS NULL RETURNING id`;
const ENDED = 'revoked_at IS NOT NULL OR expires_at <= :now';

/**
 * Session records on the application's SQL database (SQLite or PostgreSQL via TypeORM), shared
 * by every instance. Needs the table of `AUTH_MIGRATIONS`. Any database failure is an
 * `AuthStoreUnavailableError` (503).
 */
export class TypeOrmSessionStore extends SessionStore implements OnApplicationShutdown {
  private readonly sql: SqlStore;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME, () => this.purgeExpired());
  }

  /** @inheritdoc */
  async create(session: NewSession): Promise<void> {
    await this.sql.run(CREATE_SQL, {
      ...session,
      expiresAt: session.expiresAt.getTime(),
      now: this.clock(),
    });
  }

  /** @inheritdoc */
  async findLive(id: string): Promise<SessionRecord | null> {
    const [row] = await this.sql.run(FIND_LIVE_SQL, { id, now: this.clock() });
    return row ? toRecord(row) : null;
  }

  /** @inheritdoc */
  async listLive(userId: string): Promise<SessionRecord[]> {
    const rows = await this.sql.run(LIST_LIVE_SQL, { userId, now: this.clock() });
    return rows.map(toRecord);
  }

  /** @inheritdoc */
  async touch(id: string, expiresAt: Date): Promise<boolean> {
    const rows = await this.sql.run(TOUCH_SQL, {
      id,
      expiresAt: expiresAt.getTime(),
      now: this.clock(),
    });
    return rows.length > 0;
  }

  /** @inheritdoc */
  async revoke(id: string): Promise<boolean> {
    const rows = await this.sql.run(REVOKE_SQL, { id, now: this.clock() });
    return rows.length > 0;
  }

  /** @inheritdoc */
  async revokeAllForUser(userId: string): Promise<number> {
    const rows = await this.sql.run(REVOKE_ALL_SQL, { userId, now: this.clock() });
    return rows.length;
  }

  /** @inheritdoc At most a bounded number of rows per call; the next run takes the rest. */
  async purgeExpired(): Promise<void> {
    await this.sql.deleteInBatches(S, 'id', ENDED, { now: this.clock() });
  }

  /** Stops the purge timer (Nest calls it on `app.close()`); the DataSource is the host's. */
  onApplicationShutdown(): void {
    this.sql.stop();
  }
}

function toStringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toRecord(row: SqlRow): SessionRecord {
  const revokedAt = toNumberOrNull(row.revoked_at);
  return {
    id: String(row.id),
    userId: String(row.user_id),
    userAgent: toStringOrNull(row.user_agent),
    ip: toStringOrNull(row.ip),
    createdAt: new Date(Number(row.created_at)),
    lastUsedAt: new Date(Number(row.last_used_at)),
    expiresAt: new Date(Number(row.expires_at)),
    revokedAt: revokedAt === null ? null : new Date(revokedAt),
  };
}
