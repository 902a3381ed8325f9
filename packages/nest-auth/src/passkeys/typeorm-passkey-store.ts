import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import { type SqlRow, toNumberOrNull } from '../sql/run-statement';
import { SqlStore } from '../sql/sql-store';
import { PASSKEY_CHALLENGES_TABLE as C, PASSKEYS_TABLE as P } from './passkey.entities';
import {
  type PasskeyChallengeRecord,
  type PasskeyChallengePurpose,
  type PasskeyDeviceType,
  type PasskeyInsertResult,
  type PasskeyRecord,
  PasskeyStore,
} from './passkey-store';

const STORE_NAME = 'passkey store';
const COLUMNS =
  'id, user_id, credential_id, public_key, counter, transports, device_type, backed_up, name, ' +
  'created_at, last_used_at';
const CHALLENGE_COLUMNS = 'id, challenge_hash, purpose, user_id, mfa_challenge_hash, expires_at';

/*
 * One statement: the row goes in only while its user is under the limit, and a known credential
 * id inserts nothing. Casts type the parameters of the SELECT list for PostgreSQL.
 */
const INSERT_SQL = `
INSERT INTO ${P} (${COLUMNS})
SELECT CAST(:id AS varchar), CAST(:userId AS varchar), CAST(:credentialId AS varchar),
  CAST(:publicKey AS text), CAST(:counter AS bigint), CAST(:transports AS text),
  CAST(:deviceType AS varchar), CAST(:backedUp AS boolean), CAST(:name AS varchar),
  CAST(:createdAt AS bigint), CAST(:lastUsedAt AS bigint)
WHERE (SELECT COUNT(*) FROM ${P} WHERE user_id = :userId) < :maxPerUser
ON CONFLICT (credential_id) DO NOTHING
RETURNING id`;

// Compare-and-set: of two racing sign-ins with one counter value, exactly one matches.
const RECORD_USE_SQL = `UPDATE ${P}
SET counter = :counter, backed_up = CAST(:backedUp AS boolean), last_used_at = :now
WHERE id = :id AND (counter < :counter OR (counter = 0 AND :counter = 0)) RETURNING id`;
const SPEND = `SET used_at = :now WHERE used_at IS NULL AND expires_at > :now`;

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const asBoolean = (value: unknown): boolean => value === true || Number(value) === 1;

function toRecord(row: SqlRow): PasskeyRecord {
  const lastUsedAt = toNumberOrNull(row.last_used_at);
  return {
    id: String(row.id),
    userId: String(row.user_id),
    credentialId: String(row.credential_id),
    publicKey: String(row.public_key),
    counter: Number(row.counter),
    transports: JSON.parse(String(row.transports)) as string[],
    deviceType: String(row.device_type) as PasskeyDeviceType,
    backedUp: asBoolean(row.backed_up),
    name: String(row.name),
    createdAt: new Date(Number(row.created_at)),
    lastUsedAt: lastUsedAt === null ? null : new Date(lastUsedAt),
  };
}

function toChallenge(row: SqlRow): PasskeyChallengeRecord {
  return {
    id: String(row.id),
    challengeHash: String(row.challenge_hash),
    purpose: String(row.purpose) as PasskeyChallengePurpose,
    userId: textOrNull(row.user_id),
    mfaChallengeHash: textOrNull(row.mfa_challenge_hash),
    expiresAt: new Date(Number(row.expires_at)),
  };
}

/**
 * Passkeys in the application's SQL database (SQLite or PostgreSQL via TypeORM), shared by every
 * instance; so are the challenges, so a ceremony may start on one instance and end on another.
 * Needs the tables of `AUTH_MIGRATIONS`. Failures answer AuthStoreUnavailableError.
 */
export class TypeOrmPasskeyStore extends PasskeyStore {
  private readonly sql: SqlStore;

  constructor(dataSource: DataSource, clock: Clock = Date.now) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME, () => this.purgeExpired(new Date(clock())));
  }

  /** Stops the purge timer (Nest calls it on `app.close()`); the DataSource is the host's. */
  onApplicationShutdown(): void {
    this.sql.stop();
  }

  /** @inheritdoc */
  async insert(r: PasskeyRecord, maxPerUser: number): Promise<PasskeyInsertResult> {
    // Locked per user: on PostgreSQL two inserts could otherwise both count maxPerUser - 1.
    const rows = await this.sql.runLocked(`${P}:${r.userId}`, INSERT_SQL, {
      ...{ id: r.id, userId: r.userId, credentialId: r.credentialId, publicKey: r.publicKey },
      ...{ counter: r.counter, transports: JSON.stringify(r.transports) },
      ...{ deviceType: r.deviceType, backedUp: r.backedUp ? 1 : 0, name: r.name },
      createdAt: r.createdAt.getTime(),
      lastUsedAt: r.lastUsedAt?.getTime() ?? null,
      maxPerUser,
    });
    if (rows.length > 0) return 'inserted';
    return (await this.findByCredentialId(r.credentialId)) ? 'credential_taken' : 'limit_reached';
  }

  /** @inheritdoc */
  async findByCredentialId(credentialId: string): Promise<PasskeyRecord | null> {
    const [row] = await this.sql.run(
      `SELECT ${COLUMNS} FROM ${P} WHERE credential_id = :credentialId`,
      { credentialId },
    );
    return row ? toRecord(row) : null;
  }

  /** @inheritdoc */
  async listByUser(userId: string): Promise<PasskeyRecord[]> {
    const rows = await this.sql.run(
      `SELECT ${COLUMNS} FROM ${P} WHERE user_id = :userId ORDER BY created_at, id`,
      { userId },
    );
    return rows.map(toRecord);
  }

  /** @inheritdoc */
  async countByUser(userId: string): Promise<number> {
    const [row] = await this.sql.run(`SELECT COUNT(*) AS n FROM ${P} WHERE user_id = :userId`, {
      userId,
    });
    return Number(row?.n ?? 0);
  }

  /** @inheritdoc */
  async rename(userId: string, id: string, name: string): Promise<PasskeyRecord | null> {
    const [row] = await this.sql.run(
      `UPDATE ${P} SET name = :name WHERE id = :id AND user_id = :userId RETURNING ${COLUMNS}`,
      { userId, id, name },
    );
    return row ? toRecord(row) : null;
  }

  /** @inheritdoc */
  async delete(userId: string, id: string): Promise<boolean> {
    const rows = await this.sql.run(
      `DELETE FROM ${P} WHERE id = :id AND user_id = :userId RETURNING id`,
      { userId, id },
    );
    return rows.length > 0;
  }

  /** @inheritdoc */
  async recordUse(id: string, counter: number, backedUp: boolean, now: Date): Promise<boolean> {
    const rows = await this.sql.run(RECORD_USE_SQL, {
      ...{ id, counter, backedUp: backedUp ? 1 : 0 },
      now: now.getTime(),
    });
    return rows.length > 0;
  }

  /** @inheritdoc */
  async createChallenge(c: PasskeyChallengeRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO ${C} (${CHALLENGE_COLUMNS}, used_at)
       VALUES (:id, :challengeHash, :purpose, :userId, :mfaChallengeHash, :expiresAt, NULL)`,
      { ...c, expiresAt: c.expiresAt.getTime() },
    );
  }

  /** @inheritdoc */
  async consumeChallenge(id: string, now: Date): Promise<PasskeyChallengeRecord | null> {
    const [row] = await this.sql.run(
      `UPDATE ${C} ${SPEND} AND id = :id RETURNING ${CHALLENGE_COLUMNS}`,
      { id, now: now.getTime() },
    );
    return row ? toChallenge(row) : null;
  }

  /** @inheritdoc */
  async consumeChallengeByHash(hash: string, now: Date): Promise<PasskeyChallengeRecord | null> {
    const [row] = await this.sql.run(
      `UPDATE ${C} ${SPEND} AND challenge_hash = :hash RETURNING ${CHALLENGE_COLUMNS}`,
      { hash, now: now.getTime() },
    );
    return row ? toChallenge(row) : null;
  }

  /** @inheritdoc */
  async purgeExpired(now: Date): Promise<void> {
    await this.sql.deleteInBatches(C, 'id', 'used_at IS NOT NULL OR expires_at <= :now', {
      now: now.getTime(),
    });
  }
}
