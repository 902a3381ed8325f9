import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { toNumberOrNull } from '../sql/run-statement';
import { SqlStore } from '../sql/sql-store';
import {
  MFA_CHALLENGES_TABLE as CH,
  MFA_RECOVERY_CODES_TABLE as RC,
  MFA_TOTP_TABLE as T,
} from './mfa.entities';
import { type MfaChallengeRecord, type MfaEnrolment, MfaStore } from './mfa.store';

const STORE_NAME = 'MFA store';

/*
 * Every spend is one conditional UPDATE ... RETURNING: the row lock serialises racers (PostgreSQL
 * re-checks the WHERE clause on the row a concurrent winner wrote; SQLite has one writer), so
 * exactly one of them gets a row back. Syntax common to SQLite >= 3.35 and PostgreSQL.
 */
const FIND_SQL = `SELECT user_id, sealed_secret, enabled_at, last_used_step FROM ${T} WHERE user_id = :userId`;

const START_SQL = `
INSERT INTO ${T} (user_id, sealed_secret, enabled_at, last_used_step, created_at)
VALUES (:userId, :sealedSecret, NULL, NULL, :now)
ON CONFLICT (user_id) DO UPDATE SET
  sealed_secret = excluded.sealed_secret, last_used_step = NULL, created_at = excluded.created_at
WHERE ${T}.enabled_at IS NULL
RETURNING user_id`;

const ENABLE_SQL = `
UPDATE ${T} SET enabled_at = :now, last_used_step = :step
WHERE user_id = :userId AND enabled_at IS NULL AND sealed_secret = :sealedSecret
RETURNING user_id`;

const CONSUME_STEP_SQL = `
UPDATE ${T} SET last_used_step = :step
WHERE user_id = :userId AND enabled_at IS NOT NULL
  AND (last_used_step IS NULL OR last_used_step < :step)
RETURNING user_id`;

const IS_ENABLED_SQL = `SELECT user_id FROM ${T} WHERE user_id = :userId AND enabled_at IS NOT NULL`;
const DELETE_TOTP_SQL = `DELETE FROM ${T} WHERE user_id = :userId RETURNING user_id`;
const DELETE_CODES_SQL = `DELETE FROM ${RC} WHERE user_id = :userId`;
const DELETE_USER_CHALLENGES_SQL = `DELETE FROM ${CH} WHERE user_id = :userId`;

/*
 * A code counts only while its user's enrolment is on: a regeneration racing a disable can leave
 * rows behind (codes are written in statements of their own), and those must never open anything.
 */
const USABLE_CODE = `user_id = :userId AND used_at IS NULL
  AND EXISTS (SELECT 1 FROM ${T} WHERE ${T}.user_id = :userId AND ${T}.enabled_at IS NOT NULL)`;
const CONSUME_CODE_SQL = `
UPDATE ${RC} SET used_at = :now WHERE code_hash = :codeHash AND ${USABLE_CODE}
RETURNING code_hash`;
const HAS_CODE_SQL = `SELECT code_hash FROM ${RC} WHERE code_hash = :codeHash AND ${USABLE_CODE}`;
const COUNT_CODES_SQL = `SELECT COUNT(*) AS left_count FROM ${RC} WHERE ${USABLE_CODE}`;

const CREATE_CHALLENGE_SQL = `
INSERT INTO ${CH} (id_hash, user_id, client_hash, expires_at, used_at)
VALUES (:idHash, :userId, :clientHash, :expiresAt, NULL)`;
const FIND_CHALLENGE_SQL = `SELECT id_hash, user_id, client_hash, expires_at FROM ${CH}
WHERE id_hash = :idHash AND used_at IS NULL AND expires_at > :now`;
const CONSUME_CHALLENGE_SQL = `
UPDATE ${CH} SET used_at = :now
WHERE id_hash = :idHash AND used_at IS NULL AND expires_at > :now
RETURNING id_hash`;
const CHALLENGE_ENDED = 'used_at IS NOT NULL OR expires_at <= :now';

/**
 * MFA state on the application's SQL database (SQLite or PostgreSQL via TypeORM), shared by every
 * instance. Needs the tables of `AUTH_MIGRATIONS`. Store failures answer 503.
 */
export class TypeOrmMfaStore extends MfaStore implements OnApplicationShutdown {
  private readonly sql: SqlStore;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME, () => this.purgeExpired(new Date(clock())));
  }

  async findEnrolment(userId: string): Promise<MfaEnrolment | null> {
    const [row] = await this.sql.run(FIND_SQL, { userId });
    if (!row) return null;
    const enabledAt = toNumberOrNull(row.enabled_at);
    return {
      userId: String(row.user_id),
      sealedSecret: String(row.sealed_secret),
      enabledAt: enabledAt === null ? null : new Date(enabledAt),
      lastUsedStep: toNumberOrNull(row.last_used_step),
    };
  }

  async startEnrolment(userId: string, sealedSecret: string, now: Date): Promise<boolean> {
    const rows = await this.sql.run(START_SQL, { userId, sealedSecret, now: now.getTime() });
    return rows.length > 0;
  }

  /**
   * The conditional UPDATE picks the one winner; only it writes the codes. Two statements, not a
   * transaction (SQLite shares one connection between requests): a crash between them leaves MFA
   * on without recovery codes, which the user regenerates with a TOTP code.
   */
  async enable(
    userId: string,
    sealedSecret: string,
    step: number,
    recoveryCodeHashes: string[],
    now: Date,
  ): Promise<boolean> {
    const won = await this.sql.run(ENABLE_SQL, { userId, sealedSecret, step, now: now.getTime() });
    if (won.length === 0) return false;
    await this.writeCodes(userId, recoveryCodeHashes);
    return true;
  }

  /** The enrolment goes first, so MFA is off even if a later delete fails. */
  async disable(userId: string): Promise<boolean> {
    const removed = await this.sql.run(DELETE_TOTP_SQL, { userId });
    await this.sql.run(DELETE_CODES_SQL, { userId });
    await this.sql.run(DELETE_USER_CHALLENGES_SQL, { userId });
    return removed.length > 0;
  }

  async consumeStep(userId: string, step: number): Promise<boolean> {
    return (await this.sql.run(CONSUME_STEP_SQL, { userId, step })).length > 0;
  }

  async consumeRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const rows = await this.sql.run(CONSUME_CODE_SQL, { userId, codeHash, now: now.getTime() });
    return rows.length > 0;
  }

  async hasRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    return (await this.sql.run(HAS_CODE_SQL, { userId, codeHash })).length > 0;
  }

  /**
   * Delete, then insert: two regenerations racing may both leave their codes valid, each set
   * shown to the same signed-in user; never zero codes.
   */
  async replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<boolean> {
    if ((await this.sql.run(IS_ENABLED_SQL, { userId })).length === 0) return false;
    await this.writeCodes(userId, codeHashes);
    return true;
  }

  async countRecoveryCodesLeft(userId: string): Promise<number> {
    const [row] = await this.sql.run(COUNT_CODES_SQL, { userId });
    return Number(row?.left_count ?? 0);
  }

  async createChallenge(challenge: MfaChallengeRecord): Promise<void> {
    await this.sql.run(CREATE_CHALLENGE_SQL, {
      ...challenge,
      expiresAt: challenge.expiresAt.getTime(),
    });
  }

  async findChallenge(idHash: string, now: Date): Promise<MfaChallengeRecord | null> {
    const [row] = await this.sql.run(FIND_CHALLENGE_SQL, { idHash, now: now.getTime() });
    if (!row) return null;
    return {
      idHash: String(row.id_hash),
      userId: String(row.user_id),
      clientHash: String(row.client_hash),
      expiresAt: new Date(Number(row.expires_at)),
    };
  }

  async consumeChallenge(idHash: string, now: Date): Promise<boolean> {
    const rows = await this.sql.run(CONSUME_CHALLENGE_SQL, { idHash, now: now.getTime() });
    return rows.length > 0;
  }

  /**
   * At most a bounded number of rows per call (the next run takes the rest). A timer runs it
   * every minute; a host may also call it from its own scheduler.
   */
  async purgeExpired(now: Date): Promise<void> {
    await this.sql.deleteInBatches(CH, 'id_hash', CHALLENGE_ENDED, { now: now.getTime() });
  }

  /** Stops the purge timer (Nest calls it on `app.close()`); the DataSource is the host's. */
  onApplicationShutdown(): void {
    this.sql.stop();
  }

  private async writeCodes(userId: string, codeHashes: string[]): Promise<void> {
    await this.sql.run(DELETE_CODES_SQL, { userId });
    if (codeHashes.length === 0) return;
    const values = codeHashes.map((_, i) => `(:userId, :h${i}, NULL)`).join(', ');
    const parameters = Object.fromEntries(codeHashes.map((hash, i) => [`h${i}`, hash]));
    await this.sql.run(`INSERT INTO ${RC} (user_id, code_hash, used_at) VALUES ${values}`, {
      userId,
      ...parameters,
    });
  }
}
