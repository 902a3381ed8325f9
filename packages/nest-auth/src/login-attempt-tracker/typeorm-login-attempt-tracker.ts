import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { LOGIN_ATTEMPTS_TABLE as T } from './login-attempt.entity';
import { type SqlRow, toNumberOrNull } from '../sql/run-statement';
import { SqlStore } from '../sql/sql-store';
import { type AttemptWindow, refusal, toReservation, toStatus } from './attempt-window';
import { type LockoutPolicy, pendingMs } from './lockout-policy';
import {
  type LoginAttemptReservation,
  type LoginAttemptStatus,
  LoginAttemptTracker,
} from './login-attempt-tracker';

const STORE_NAME = 'login attempt tracker';

// SQL spellings of the shared window rules (attempt-window.ts), on the row as it was before the
// statement; the named parameters are the statement's own.
const LOCKED = `COALESCE(${T}.locked_until, 0) > :now`;
const LIVE_PENDING = `(CASE WHEN ${T}.pending_expires_at > :now THEN ${T}.pending ELSE 0 END)`;
const SPENT = `(NOT ${LOCKED} AND (${T}.window_expires_at <= :now
  OR (${T}.failures = 0 AND ${LIVE_PENDING} = 0)))`;

/*
 * One statement per operation, so the database's row lock makes each read-modify-write atomic
 * across processes; the syntax (upsert with a WHERE, CASE, RETURNING) is common to SQLite >= 3.35
 * and PostgreSQL. SET expressions read the row as it was before the update on both. A refused
 * reservation updates nothing and so returns no row.
 */
const RESERVE_SQL = `
INSERT INTO ${T} (identifier, failures, pending, window_expires_at, pending_expires_at, locked_until)
VALUES (:identifier, 0, 1, :windowEnd, :pendingEnd, NULL)
ON CONFLICT (identifier) DO UPDATE SET
  failures = CASE WHEN ${SPENT} THEN 0 ELSE ${T}.failures END,
  pending = CASE WHEN ${SPENT} THEN 1 ELSE ${LIVE_PENDING} + 1 END,
  window_expires_at = CASE WHEN ${SPENT} THEN :windowEnd ELSE ${T}.window_expires_at END,
  locked_until = CASE WHEN ${SPENT} THEN NULL ELSE ${T}.locked_until END,
  pending_expires_at = :pendingEnd
WHERE ${SPENT} OR (NOT ${LOCKED} AND ${T}.failures + ${LIVE_PENDING} < :maxFailedAttempts)
RETURNING failures, pending, window_expires_at, pending_expires_at, locked_until`;

/** Takes one live slot of a live window; `SET` is the statement's own change. */
const TAKE_SLOT = (set: string) => `UPDATE ${T} SET pending = pending - 1${set}
WHERE identifier = :identifier AND window_expires_at > :now
  AND pending > 0 AND pending_expires_at > :now`;

/** The slot becomes a failure; locks when failures reach the max and it is not locked yet. */
const FAILURE_SQL = `${TAKE_SLOT(`, failures = failures + 1,
  locked_until = CASE WHEN failures + 1 >= :maxFailedAttempts AND NOT ${LOCKED}
    THEN :lockEnd ELSE locked_until END`)}
RETURNING failures, locked_until`;

const RELEASE_SQL = TAKE_SLOT('');

const SUCCESS_SQL = `UPDATE ${T} SET failures = 0,
  pending = CASE WHEN ${LIVE_PENDING} > 0 THEN pending - 1 ELSE 0 END
WHERE identifier = :identifier`;

const COLUMNS = 'failures, pending, window_expires_at, pending_expires_at, locked_until';
const STATUS_SQL = `SELECT ${COLUMNS} FROM ${T} WHERE identifier = :identifier`;
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
      pendingEnd: now + pendingMs(this.policy),
      maxFailedAttempts: this.policy.maxFailedAttempts,
    });
    if (row) return toReservation(toWindow(row), this.policy, now);
    // Refused: read why (locked, or every slot in use). The row may have moved on since; the
    // answer is then only a little stale.
    throw refusal(await this.read(identifier), this.policy, now);
  }

  /** @inheritdoc */
  async recordFailure(identifier: string): Promise<boolean> {
    const now = this.clock();
    const lockEnd = now + this.durationMs();
    const [row] = await this.sql.run(FAILURE_SQL, {
      identifier: normalizeIdentifier(identifier),
      now,
      lockEnd,
      maxFailedAttempts: this.policy.maxFailedAttempts,
    });
    // Exactly one failure of a window brings the count to the max; it set the lock.
    return (
      row !== undefined &&
      Number(row.failures) === this.policy.maxFailedAttempts &&
      toNumberOrNull(row.locked_until) === lockEnd
    );
  }

  /** @inheritdoc */
  async release(identifier: string): Promise<void> {
    await this.sql.run(RELEASE_SQL, {
      identifier: normalizeIdentifier(identifier),
      now: this.clock(),
    });
  }

  /** @inheritdoc */
  async recordSuccess(identifier: string): Promise<void> {
    await this.sql.run(SUCCESS_SQL, {
      identifier: normalizeIdentifier(identifier),
      now: this.clock(),
    });
  }

  /** @inheritdoc */
  async clear(identifier: string): Promise<void> {
    await this.sql.run(DELETE_SQL, { identifier: normalizeIdentifier(identifier) });
  }

  /** @inheritdoc */
  async status(identifier: string): Promise<LoginAttemptStatus> {
    const now = this.clock();
    return toStatus(await this.read(identifier), now);
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

  private async read(identifier: string): Promise<AttemptWindow | undefined> {
    const [row] = await this.sql.run(STATUS_SQL, { identifier: normalizeIdentifier(identifier) });
    return row ? toWindow(row) : undefined;
  }

  private durationMs(): number {
    return this.policy.lockoutDurationSeconds * 1000;
  }
}

function toWindow(row: SqlRow): AttemptWindow {
  return {
    failures: Number(row.failures),
    pending: Number(row.pending),
    windowExpiresAt: Number(row.window_expires_at),
    pendingExpiresAt: Number(row.pending_expires_at),
    lockedUntil: toNumberOrNull(row.locked_until),
  };
}
