import type { RateLimit } from './auth-settings';

const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };
const RATE_LIMIT = /^\s*(\d+)\s*\/\s*(second|minute|hour|day)s?\s*$/i;

/**
 * Parses `"N/second|minute|hour|day"` (e.g. `"5/minute"`).
 * @returns null when the text has another shape or N is zero
 */
export function parseRateLimit(text: string): RateLimit | null {
  const match = RATE_LIMIT.exec(text);
  if (!match) return null;
  const limit = Number(match[1]);
  if (!Number.isSafeInteger(limit) || limit < 1) return null;
  return { limit, ttlSeconds: UNIT_SECONDS[match[2].toLowerCase()], text: text.trim() };
}
