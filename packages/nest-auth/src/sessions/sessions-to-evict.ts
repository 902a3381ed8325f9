import { byMostRecentUse, type SessionRecord } from './session-store';

/**
 * The live sessions a login must end so that at most `max` remain: all but the `max` most
 * recently used, and never `ownId`, the session that login just created.
 *
 * Every instance ranks sessions in the same total order, so two logins running at once agree on
 * which `max` sessions to keep; each also spares its own. So neither ends the other's new session
 * when that one ranks in the kept set, and a limit of 1 never leaves both logins without a
 * session. The cost: for a moment the user may hold up to `max` plus the number of concurrent
 * logins; the next login trims the excess.
 */
export function sessionsToEvict(
  live: readonly SessionRecord[],
  ownId: string,
  max: number,
): SessionRecord[] {
  if (max <= 0) return [];
  const ranked = [...live].sort(byMostRecentUse);
  const kept = new Set(ranked.slice(0, max).map((session) => session.id)).add(ownId);
  return ranked.filter((session) => !kept.has(session.id));
}
