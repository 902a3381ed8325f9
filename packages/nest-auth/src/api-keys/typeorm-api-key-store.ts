import type { DataSource } from 'typeorm';
import { API_KEYS_TABLE as K } from './api-key.entity';
import { type SqlRow, toNumberOrNull } from '../sql/run-statement';
import { SqlStore } from '../sql/sql-store';
import { type ApiKeyInsertResult, type ApiKeyRecord, ApiKeyStore } from './api-key-store';

const STORE_NAME = 'API key store';
const COLUMNS =
  'id, user_id, name, prefix, key_hash, scopes, created_at, expires_at, last_used_at, revoked_at';
const LIVE = 'revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)';

/*
 * One statement: the row goes in only while the owner is under the limit, and a taken prefix
 * inserts nothing. Casts type the parameters of the SELECT list for PostgreSQL.
 */
const INSERT_SQL = `
INSERT INTO ${K} (${COLUMNS})
SELECT CAST(:id AS varchar), CAST(:userId AS varchar), CAST(:name AS varchar),
  CAST(:prefix AS varchar), CAST(:hash AS varchar), CAST(:scopes AS text),
  CAST(:createdAt AS bigint), CAST(:expiresAt AS bigint), CAST(:lastUsedAt AS bigint),
  CAST(:revokedAt AS bigint)
WHERE (SELECT COUNT(*) FROM ${K} WHERE user_id = :userId AND ${LIVE}) < :maxLive
ON CONFLICT (prefix) DO NOTHING
RETURNING id`;

// Conditional updates: the row lock makes exactly one of concurrent callers match.
const REVOKE_SQL = `UPDATE ${K} SET revoked_at = :now
WHERE id = :id AND user_id = :userId AND revoked_at IS NULL RETURNING id`;
const REVOKE_ALL_SQL = `UPDATE ${K} SET revoked_at = :now
WHERE user_id = :userId AND revoked_at IS NULL RETURNING id`;
const RECORD_USE_SQL = `UPDATE ${K} SET last_used_at = :now
WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :staleBefore) RETURNING id`;
const ENDED_BEFORE = 'revoked_at < :before OR expires_at < :before';

const dateOrNull = (value: unknown): Date | null => {
  const ms = toNumberOrNull(value);
  return ms === null ? null : new Date(ms);
};

function toRecord(row: SqlRow): ApiKeyRecord {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    name: String(row.name),
    prefix: String(row.prefix),
    hash: String(row.key_hash),
    scopes: JSON.parse(String(row.scopes)) as string[],
    createdAt: new Date(Number(row.created_at)),
    expiresAt: dateOrNull(row.expires_at),
    lastUsedAt: dateOrNull(row.last_used_at),
    revokedAt: dateOrNull(row.revoked_at),
  };
}

/**
 * API keys in the application's SQL database (SQLite or PostgreSQL via TypeORM), shared by every
 * instance. Needs the table of `AUTH_MIGRATIONS`. Failures answer AuthStoreUnavailableError.
 */
export class TypeOrmApiKeyStore extends ApiKeyStore {
  private readonly sql: SqlStore;

  constructor(dataSource: DataSource) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME);
  }

  /** @inheritdoc */
  async insert(r: ApiKeyRecord, maxLive: number): Promise<ApiKeyInsertResult> {
    // Locked per user: on PostgreSQL two inserts could otherwise both count maxLive - 1 keys.
    const rows = await this.sql.runLocked(`${K}:${r.userId}`, INSERT_SQL, {
      ...{ id: r.id, userId: r.userId, name: r.name, prefix: r.prefix, hash: r.hash },
      scopes: JSON.stringify(r.scopes),
      createdAt: r.createdAt.getTime(),
      expiresAt: r.expiresAt?.getTime() ?? null,
      lastUsedAt: r.lastUsedAt?.getTime() ?? null,
      revokedAt: r.revokedAt?.getTime() ?? null,
      now: r.createdAt.getTime(),
      maxLive,
    });
    if (rows.length > 0) return 'inserted';
    return (await this.findByPrefix(r.prefix)) ? 'prefix_taken' : 'limit_reached';
  }

  /** @inheritdoc */
  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.sql.run(`SELECT ${COLUMNS} FROM ${K} WHERE prefix = :prefix`, {
      prefix,
    });
    return row ? toRecord(row) : null;
  }

  /** @inheritdoc */
  async listByUser(userId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.sql.run(
      `SELECT ${COLUMNS} FROM ${K} WHERE user_id = :userId AND revoked_at IS NULL
       ORDER BY created_at, id`,
      { userId },
    );
    return rows.map(toRecord);
  }

  /** @inheritdoc */
  async countLive(userId: string, nowMs: number): Promise<number> {
    const [row] = await this.sql.run(
      `SELECT COUNT(*) AS n FROM ${K} WHERE user_id = :userId AND ${LIVE}`,
      { userId, now: nowMs },
    );
    return Number(row?.n ?? 0);
  }

  /** @inheritdoc */
  async revoke(userId: string, id: string, nowMs: number): Promise<boolean> {
    return (await this.sql.run(REVOKE_SQL, { userId, id, now: nowMs })).length > 0;
  }

  /** @inheritdoc */
  async revokeAllForUser(userId: string, nowMs: number): Promise<number> {
    return (await this.sql.run(REVOKE_ALL_SQL, { userId, now: nowMs })).length;
  }

  /** @inheritdoc */
  async recordUse(id: string, nowMs: number, minIntervalMs: number): Promise<boolean> {
    const rows = await this.sql.run(RECORD_USE_SQL, {
      id,
      now: nowMs,
      staleBefore: nowMs - minIntervalMs,
    });
    return rows.length > 0;
  }

  /** @inheritdoc */
  async purge(beforeMs: number): Promise<number> {
    return this.sql.deleteInBatches(K, 'id', ENDED_BEFORE, { before: beforeMs });
  }
}
