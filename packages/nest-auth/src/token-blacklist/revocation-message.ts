/**
 * What travels on the revocation channel, one line per change, numbers first so an id may hold
 * any character (even `:`):
 *
 * - `i:<expiresAt>:<id>`: the id is revoked until `expiresAt`;
 * - `u:<revokedBefore>:<expiresAt>:<userId>`: the user's tokens issued at or before
 *   `revokedBefore` are revoked until `expiresAt` (already merged with the previous entry);
 * - `m:<marker>`: no change; lets an instance learn that everything published before it arrived.
 */
export type RevocationMessage =
  | { kind: 'id'; id: string; expiresAt: number }
  | { kind: 'user'; userId: string; revokedBefore: number; expiresAt: number }
  | { kind: 'marker'; marker: string };

/** Parses one channel message; `null` for anything malformed (never trusted to revoke less). */
export function parseRevocationMessage(message: string): RevocationMessage | null {
  const kind = message.slice(0, 2);
  if (kind === 'm:') return { kind: 'marker', marker: message.slice(2) };
  if (kind === 'i:') {
    const [expiresAt, id] = splitNumber(message, 2);
    return expiresAt === null ? null : { kind: 'id', id, expiresAt };
  }
  if (kind === 'u:') {
    const [revokedBefore, rest] = splitNumber(message, 2);
    const [expiresAt, userId] = splitNumber(rest, 0);
    if (revokedBefore === null || expiresAt === null) return null;
    return { kind: 'user', userId, revokedBefore, expiresAt };
  }
  return null;
}

/** The marker message for `marker`. */
export function markerMessage(marker: string): string {
  return `m:${marker}`;
}

/** The integer at `from` up to the next `:`, and what follows that colon. */
function splitNumber(text: string, from: number): [number | null, string] {
  const colon = text.indexOf(':', from);
  if (colon < 0) return [null, ''];
  const value = Number(text.slice(from, colon));
  return [Number.isSafeInteger(value) ? value : null, text.slice(colon + 1)];
}
