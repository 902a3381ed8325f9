import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { LOGIN_ATTEMPTS_TABLE as T } from '../typeorm/login-attempt.entity';
import { type SqlRow, toNumberOrNull } from '../typeorm/run-statement';
import { SqlStore } from '../typeorm/sql-store';
import { type AttemptWindow, toReservation, toStatus } from './attempt-window';
import type { LockoutPolicy } from './lockout-policy';
import {
  type LoginAttemptReservation,
  type LoginAttemptStatus,
  LoginAttemptTracker,
} from './login-attempt-tracker';

const STORE_NAME = 'login attempt tracker';

/*
 * One statement per operation, so the database's row lock makes each read-modify-write atomic
 * across processes; the syntax (upsert, CASE, RETURNING) is common to SQLite >= 3.35 and
 * PostgreSQL. SET expressions read the row as it was before the update on both.
 * While locked, nothing changes; once the window has run out, a fresh one starts at 1.
 */
const RESERVE_SQL = `
INSERT INTO ${T} (identifier, attempts, window_expires_at, locked_until)
VALUES (:identifier, 1, :windowEnd, NULL)
ON CONFLICT (identifier) DO UPDATE SET
  attempts = CASE
    WHEN ${T}.locked_until > :now THEN ${T}.attempts
    WHEN ${T}.window_expires_at <= :now THEN 1
    ELSE ${T}.attempts + 1 END,
  window_expires_at = CASE
    WHEN ${T}.locked_until > :now THEN ${T}.window_expires_at
    WHEN ${T}.window_expires_at <= :now THEN :windowEnd
    ELSE ${T}.window_expires_at END,
  locked_until = CASE
    WHEN ${T}.locked_until > :now THEN ${T}.locked_until
    WHEN ${T}.window_expires_at <= :now THEN NULL
    ELSE ${T}.locked_until END
RETURNING attempts, window_expires_at, locked_until`;

/** Locks only from a live window whose attempts are spent and that is not locked already. */
const LOCK_SQL = `
UPDATE ${T} SET locked_until = :lockEnd
WHERE identifier = :identifier
  AND window_expires_at > :now
  AND attempts >= :maxFailedAttempts
  AND (locked_until IS NULL OR locked_until <= :now)
RETURNING identifier`;

const STATUS_SQL = `SELECT attempts, window_expires_at, locked_until FROM ${T} WHERE identifier = :identifier`;
const DELETE_SQL = `DELETE FROM ${T} WHERE identifier = :identifier`;
const PURGE_SQL = `DELETE FROM ${T}
WHERE window_expires_at <= :now AND (locked_until IS NULL OR locked_until <= :now)`;

/**
 * Tracker on the application's SQL database (SQLite or PostgreSQL via TypeORM): counts and locks
 * hold across every instance sharing the database and survive restarts. Needs the tables of
 * `AUTH_MIGRATIONS`.
 */
export class TypeOrmLoginAttemptTracker
  extends LoginAttemptTracker
  implements OnApplicationShutdown
{
  private readonly sql: SqlStore;

  constructor(
    dataSource: DataSource,
    private readonly policy: LockoutPolicy,
    private readonly clock: Clock = systemClock,
  ) {
    super();
    this.sql = new SqlStore(dataSource, STORE_NAME, () => this.purgeExpired());
  }

  /** @inheritdoc */
  async check(identifier: string): Promise<LoginAttemptReservation> {
    const now = this.clock();
    const [row] = await this.sql.run(RESERVE_SQL, {
      identifier: normalizeIdentifier(identifier),
      now,
      windowEnd: now + this.durationMs(),
    });
    return toReservation(toWindow(row), this.policy, now);
  }

  /** @inheritdoc */
  async recordFailure(identifier: string): Promise<boolean> {
    const now = this.clock();
    const rows = await this.sql.run(LOCK_SQL, {
      identifier: normalizeIdentifier(identifier),
      now,
      lockEnd: now + this.durationMs(),
      maxFailedAttempts: this.policy.maxFailedAttempts,
    });
    return rows.length > 0;
  }

  /** @inheritdoc */
  async recordSuccess(identifier: string): Promise<void> {
    await this.sql.run(DELETE_SQL, { identifier: normalizeIdentifier(identifier) });
  }

  /** @inheritdoc */
  async clear(identifier: string): Promise<void> {
    await this.sql.run(DELETE_SQL, { identifier: normalizeIdentifier(identifier) });
  }

  /** @inheritdoc */
  async status(identifier: string): Promise<LoginAttemptStatus> {
    const now = this.clock();
    const [row] = await this.sql.run(STATUS_SQL, { identifier: normalizeIdentifier(identifier) });
    return toStatus(row ? toWindow(row) : undefined, now);
  }

  /**
   * Deletes the rows whose window and lock are both over. A timer runs it every minute; a host
   * may also call it from its own scheduler.
   */
  async purgeExpired(): Promise<void> {
    await this.sql.run(PURGE_SQL, { now: this.clock() });
  }

  /** Stops the purge timer (Nest calls it on `app.close()`); the DataSource is the host's. */
  onApplicationShutdown(): void {
    this.sql.stop();
  }

  private durationMs(): number {
    return this.policy.lockoutDurationSeconds * 1000;
  }
}

function toWindow(row: SqlRow | undefined): AttemptWindow {
  // An upsert with RETURNING always yields its row; none means the store misbehaves: fail closed.
  if (!row)
    throw new AuthStoreUnavailableError(STORE_NAME, new Error('The upsert returned no row'));
  return {
    attempts: Number(row.attempts),
    windowExpiresAt: Number(row.window_expires_at),
    lockedUntil: toNumberOrNull(row.locked_until),
  };
}
