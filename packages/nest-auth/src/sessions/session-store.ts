/** One session: a refresh-token family, as the user sees it in `GET /auth/sessions`. */
export interface SessionRecord {
  /** The session id: the `sid` claim of its tokens (a UUID). */
  readonly id: string;
  readonly userId: string;
  /** The `User-Agent` of the login, or null. */
  readonly userAgent: string | null;
  /** The client address of the login, or null. */
  readonly ip: string | null;
  readonly createdAt: Date;
  /** The login, or the last refresh. */
  readonly lastUsedAt: Date;
  /** The last refresh plus the refresh-token lifetime: no token of the session outlives it. */
  readonly expiresAt: Date;
  /** When it was ended (logout, reuse detection, eviction, DELETE); null while it runs. */
  readonly revokedAt: Date | null;
}

/** What a login records; `createdAt` and `lastUsedAt` are the store clock's now. */
export interface NewSession {
  id: string;
  userId: string;
  userAgent: string | null;
  ip: string | null;
  expiresAt: Date;
}

/**
 * Records of the sessions (refresh-token families) of each user, for listing them and for
 * evicting the least recently used. Token validity is NOT decided here: the `TokenBlacklist`
 * stays the source of truth, and a session is revoked there first, then marked here.
 * A session is live while it is not revoked and `expiresAt` is in the future.
 */
export abstract class SessionStore {
  /** Records a new session, used now. */
  abstract create(session: NewSession): Promise<void>;
  /** The session when it is live; null when unknown, revoked or expired. */
  abstract findLive(id: string): Promise<SessionRecord | null>;
  /**
   * The user's live sessions, most recently used first (ties: the newer first, then the greater
   * id), an order every instance agrees on.
   */
  abstract listLive(userId: string): Promise<SessionRecord[]>;
  /**
   * Marks a use now (a refresh) and moves the expiry. A revoked session stays revoked.
   * @returns whether a session not revoked was found
   */
  abstract touch(id: string, expiresAt: Date): Promise<boolean>;
  /** Marks the session revoked now. @returns true when this call revoked it */
  abstract revoke(id: string): Promise<boolean>;
  /** Marks every session of the user revoked now. @returns how many this call revoked */
  abstract revokeAllForUser(userId: string): Promise<number>;
  /**
   * Deletes the records of revoked and expired sessions, which nothing reads any more. The
   * built-in stores also run it every minute on a timer.
   */
  abstract purgeExpired(): Promise<void>;
}

/** The order of `listLive`: most recently used first, then the newer, then the greater id. */
export function byMostRecentUse(a: SessionRecord, b: SessionRecord): number {
  return (
    b.lastUsedAt.getTime() - a.lastUsedAt.getTime() ||
    b.createdAt.getTime() - a.createdAt.getTime() ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/** A session id as the module mints them (a lowercase UUID); anything else names no session. */
export function isSessionId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}
