import type { Clock } from '../common/clock';
import { REVOKED_TOKENS_TABLE as R } from './revoked-token.entity';
import type { SqlStore } from '../sql/sql-store';
import { USER_REVOCATIONS_TABLE as U } from './user-revocation.entity';
import type { RevocationCache } from './revocation-cache';

// Keyset pages: each statement reads a bounded, indexed slice, so a large set never holds a
// long-running statement (or its snapshot) open.
const IDS_PAGE_SQL = `SELECT id, expires_at FROM ${R}
  WHERE expires_at > :now AND id > :after ORDER BY id LIMIT :limit`;
const USERS_PAGE_SQL = `SELECT user_id AS id, revoked_before, expires_at FROM ${U}
  WHERE expires_at > :now AND user_id > :after ORDER BY user_id LIMIT :limit`;

export interface SqlLoadOptions {
  /** Rows read per statement. */
  pageSize: number;
  /** Checked between pages: the load stops early once its result is no longer wanted. */
  wanted: () => boolean;
}

/**
 * Copies every live revocation in the SQL tables into `cache`, page by page. Rows written while it
 * runs may be missed by it; the feed (NOTIFY, or this process's own writes) brings them.
 * Resolves with the entries applied.
 * @throws AuthStoreUnavailableError when the database cannot be read
 */
export async function loadSqlRevocations(
  sql: SqlStore,
  cache: RevocationCache,
  clock: Clock,
  options: SqlLoadOptions,
): Promise<number> {
  const ids = await eachPage(sql, IDS_PAGE_SQL, clock, options, (row, now) =>
    cache.revokeId(String(row.id), Number(row.expires_at), now),
  );
  if (!options.wanted()) return ids;
  const users = await eachPage(sql, USERS_PAGE_SQL, clock, options, (row, now) =>
    cache.revokeUser(String(row.id), Number(row.revoked_before), Number(row.expires_at), now),
  );
  return ids + users;
}

/** Runs `pageSql` from the first key to the last, applying each row; resolves with the count. */
async function eachPage(
  sql: SqlStore,
  pageSql: string,
  clock: Clock,
  { pageSize, wanted }: SqlLoadOptions,
  apply: (row: Record<string, unknown>, now: number) => void,
): Promise<number> {
  let after = '';
  let applied = 0;
  for (;;) {
    const now = clock();
    const rows = await sql.run(pageSql, { now, after, limit: pageSize });
    if (!wanted()) return applied;
    for (const row of rows) apply(row, now);
    applied += rows.length;
    if (rows.length < pageSize) return applied;
    after = String(rows[rows.length - 1].id);
  }
}
