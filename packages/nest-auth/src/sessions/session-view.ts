import type { SessionRecord } from './session-store';

/** One session as `GET /auth/sessions` shows it; times are ISO 8601. */
export interface SessionView {
  id: string;
  /** True for the session of the access token that asked. */
  current: boolean;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  /** The login or the last refresh (using an access token does not count). */
  lastUsedAt: string;
  expiresAt: string;
}

/** The body of `GET /auth/sessions`: the caller's live sessions, most recently used first. */
export interface SessionListView {
  sessions: SessionView[];
}

export function toSessionView(session: SessionRecord, currentId: string): SessionView {
  return {
    id: session.id,
    current: session.id === currentId,
    userAgent: session.userAgent,
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}
