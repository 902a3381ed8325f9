import { z } from 'zod';

/** One session as `GET /auth/sessions` shows it (`SessionView`). */
export const sessionViewSchema = z.object({
  id: z.uuid(),
  current: z.boolean().describe("the session of this request's token"),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().describe('the login or the last refresh'),
  expiresAt: z.iso.datetime(),
});

/** `GET /auth/sessions`. */
export const sessionListSchema = z.object({
  sessions: z.array(sessionViewSchema).describe('live sessions, most recently used first'),
});
