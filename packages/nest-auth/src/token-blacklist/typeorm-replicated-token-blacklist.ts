import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { PostgresRevocationFeed } from './postgres-revocation-feed';
import { ReplicatedTokenBlacklist } from './replicated-token-blacklist';
import type { RevocationFeed } from './revocation-feed';
import { DEFAULT_REPLICATION_TIMINGS, type ReplicationTimings } from './revocation-replicator';
import { SqliteRevocationFeed } from './sqlite-revocation-feed';
import type { TokenBlacklist } from './token-blacklist';
import { TypeOrmTokenBlacklist } from './typeorm-token-blacklist';

/** The channel the PostgreSQL writes NOTIFY and every replica LISTENs on. */
export const REVOCATION_CHANNEL = 'lex_auth_revocations';

/**
 * What `store=database` runs: TypeOrmTokenBlacklist with its revocation check answered from a
 * replica in this instance's memory.
 *
 * - PostgreSQL: every write NOTIFYs in its own statement; each instance LISTENs on a connection
 *   of its own (closed on shutdown), reloads the live set whenever it (re)connects, and checks
 *   the database per request while it is not in sync.
 * - SQLite (better-sqlite3): this process owns the file, so the replica is written through and
 *   loaded at boot; writes by other processes (the admin CLI) are noticed within a heartbeat.
 * - Any other database: the plain TypeOrmTokenBlacklist (one query per check).
 *
 * The DataSource is the host's and stays open.
 */
export function replicateTypeOrmBlacklist(
  dataSource: DataSource,
  clock: Clock = systemClock,
  timings: Partial<ReplicationTimings> = {},
): TokenBlacklist {
  const all = { ...DEFAULT_REPLICATION_TIMINGS, ...timings };
  const type = dataSource.options.type;
  if (type !== 'postgres' && type !== 'better-sqlite3') {
    return new TypeOrmTokenBlacklist(dataSource, clock);
  }
  const channel = type === 'postgres' ? REVOCATION_CHANNEL : undefined;
  const store = new TypeOrmTokenBlacklist(dataSource, clock, { notifyChannel: channel });
  return new ReplicatedTokenBlacklist(store, feedFor(dataSource, clock, all), clock, all);
}

function feedFor(
  dataSource: DataSource,
  clock: Clock,
  timings: ReplicationTimings,
): RevocationFeed {
  if (dataSource.options.type === 'better-sqlite3') {
    return new SqliteRevocationFeed(dataSource, clock, timings.scanCount);
  }
  return new PostgresRevocationFeed(dataSource, REVOCATION_CHANNEL, clock, {
    reconnectMs: timings.resyncRetryMs,
    deadAfterMs: timings.staleAfterMs,
    pageSize: timings.scanCount,
  });
}
