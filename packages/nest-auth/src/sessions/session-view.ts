import type { z } from 'zod';
import type { sessionListSchema, sessionViewSchema } from './session-response.schemas';
import type { SessionRecord } from './session-store';

/** One session as `GET /auth/sessions` shows it; times are ISO 8601. */
export type SessionView = z.infer<typeof sessionViewSchema>;

/** The body of `GET /auth/sessions`: the caller's live sessions, most recently used first. */
export type SessionListView = z.infer<typeof sessionListSchema>;

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
