import type { INestApplicationContext } from '@nestjs/common';
import { AuthClock } from '../common/auth-clock';
import { AuthService } from '../login/auth.service';
import { type AuthUser, UserStore } from '../user-store/user-store';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { CommandFailedError } from './cli-errors';

/** The user with this email (normalised as the service does). @throws CommandFailedError */
export async function requireUser(app: INestApplicationContext, email: string): Promise<AuthUser> {
  const user = await app.get(UserStore).findByEmail(normalizeIdentifier(email));
  if (!user) throw new CommandFailedError(`No user with email ${normalizeIdentifier(email)}.`);
  return user;
}

/**
 * Revokes every token of the user issued up to now and ends their listed sessions: what
 * log-out-everywhere does.
 * @returns the revocation instant
 */
export async function revokeAllTokensOf(
  app: INestApplicationContext,
  userId: string,
): Promise<Date> {
  const now = app.get(AuthClock).now();
  await app.get(AuthService).endAllSessions(userId);
  return new Date(now);
}

/** `2026-11-22T05:00:00.000Z (in 29 min)` / `(3 h ago)`. */
export function humanTime(date: Date, nowMs = Date.now()): string {
  const seconds = Math.round((date.getTime() - nowMs) / 1000);
  const abs = Math.abs(seconds);
  const span =
    abs < 120
      ? `${abs} s`
      : abs < 7200
        ? `${Math.round(abs / 60)} min`
        : abs < 172800
          ? `${Math.round(abs / 3600)} h`
          : `${Math.round(abs / 86400)} d`;
  return `${date.toISOString()} (${seconds >= 0 ? `in ${span}` : `${span} ago`})`;
}
