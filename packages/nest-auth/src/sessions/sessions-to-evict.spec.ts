import type { SessionRecord } from './session-store';
import { sessionsToEvict } from './sessions-to-evict';

const T0 = Date.UTC(2026, 0, 1);

/** A session created at `created` s and last used at `used` s after T0. */
function session(id: string, used: number, created = used): SessionRecord {
  return {
    id,
    userId: 'user-1',
    userAgent: null,
    ip: null,
    createdAt: new Date(T0 + created * 1000),
    lastUsedAt: new Date(T0 + used * 1000),
    expiresAt: new Date(T0 + 86_400_000),
    revokedAt: null,
  };
}
const ids = (sessions: SessionRecord[]) => sessions.map((s) => s.id);

describe('sessionsToEvict', () => {
  it('evicts all but the max most recently used, whatever order they come in', () => {
    const live = [session('b', 20), session('new', 40), session('a', 10), session('c', 30)];

    expect(ids(sessionsToEvict(live, 'new', 2))).toEqual(['b', 'a']);
  });

  it('counts a refresh as use: an old session refreshed lately is kept', () => {
    const live = [session('old-but-refreshed', 35, 1), session('recent', 20), session('new', 40)];

    expect(ids(sessionsToEvict(live, 'new', 2))).toEqual(['recent']);
  });

  it('evicts nothing within the limit, and nothing when the limit is 0 (unlimited)', () => {
    const live = [session('a', 10), session('new', 40)];

    expect(sessionsToEvict(live, 'new', 2)).toEqual([]);
    expect(sessionsToEvict([...live, session('b', 20)], 'new', 0)).toEqual([]);
  });

  it('never evicts the session the login just created, even when it ranks below the limit', () => {
    // Another login's session, used later, outranks ours.
    const live = [session('other-new', 41), session('new', 40), session('a', 10)];

    expect(ids(sessionsToEvict(live, 'new', 1))).toEqual(['a']);
  });

  it('lets two concurrent logins with a limit of 1 agree, so they never end each other', () => {
    const live = [session('first', 40), session('second', 40.001), session('a', 10)];

    const byFirst = ids(sessionsToEvict(live, 'first', 1));
    const bySecond = ids(sessionsToEvict(live, 'second', 1));

    expect(byFirst).toEqual(['a']);
    expect(bySecond).toEqual(['first', 'a']);
    const survivors = ids(live).filter((id) => !byFirst.includes(id) && !bySecond.includes(id));
    expect(survivors).toEqual(['second']);
  });

  it('ranks sessions used and created at the same instant by the greater id', () => {
    const live = [session('x1', 40), session('x3', 40), session('x2', 40)];

    expect(ids(sessionsToEvict(live, 'x1', 1))).toEqual(['x2']);
  });
});
