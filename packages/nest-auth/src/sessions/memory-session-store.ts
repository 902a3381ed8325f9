import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { PeriodicTask } from '../common/periodic-task';
import {
  byMostRecentUse,
  type NewSession,
  type SessionRecord,
  SessionStore,
} from './session-store';

/** A record as held: times in epoch ms, so no caller can change a stored Date. */
interface StoredSession {
  id: string;
  userId: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/**
 * Session records for one process (development, tests, `store: 'memory'`); lost on restart, as
 * the memory blacklist is. Revoked and expired records are dropped every minute.
 */
export class MemorySessionStore extends SessionStore implements OnApplicationShutdown {
  private readonly sessions = new Map<string, StoredSession>();
  /** userId → ids of its records, so listing a user does not scan everyone. */
  private readonly byUser = new Map<string, Set<string>>();
  private readonly purge = new PeriodicTask(MemorySessionStore.name, () => this.purgeExpired());

  constructor(private readonly clock: Clock = systemClock) {
    super();
  }

  /** @inheritdoc */
  create(session: NewSession): Promise<void> {
    const now = this.clock();
    this.sessions.set(session.id, {
      ...session,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: session.expiresAt.getTime(),
      revokedAt: null,
    });
    const ids = this.byUser.get(session.userId) ?? new Set<string>();
    this.byUser.set(session.userId, ids.add(session.id));
    return Promise.resolve();
  }

  /** @inheritdoc */
  findLive(id: string): Promise<SessionRecord | null> {
    const session = this.sessions.get(id);
    return Promise.resolve(session && this.isLive(session) ? toRecord(session) : null);
  }

  /** @inheritdoc */
  listLive(userId: string): Promise<SessionRecord[]> {
    const live = this.sessionsOf(userId).filter((session) => this.isLive(session));
    return Promise.resolve(live.map(toRecord).sort(byMostRecentUse));
  }

  /** @inheritdoc */
  touch(id: string, expiresAt: Date): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.revokedAt !== null) return Promise.resolve(false);
    session.lastUsedAt = this.clock();
    session.expiresAt = expiresAt.getTime();
    return Promise.resolve(true);
  }

  /** @inheritdoc */
  revoke(id: string): Promise<boolean> {
    const session = this.sessions.get(id);
    return Promise.resolve(session !== undefined && this.markRevoked(session));
  }

  /** @inheritdoc */
  revokeAllForUser(userId: string): Promise<number> {
    const revoked = this.sessionsOf(userId).filter((session) => this.markRevoked(session));
    return Promise.resolve(revoked.length);
  }

  /** @inheritdoc */
  purgeExpired(): Promise<void> {
    for (const session of this.sessions.values()) {
      if (!this.isLive(session)) this.delete(session);
    }
    return Promise.resolve();
  }

  /** Stops the purge timer (Nest calls it on `app.close()`). */
  onApplicationShutdown(): void {
    this.purge.stop();
  }

  private isLive(session: StoredSession): boolean {
    return session.revokedAt === null && session.expiresAt > this.clock();
  }

  private markRevoked(session: StoredSession): boolean {
    if (session.revokedAt !== null) return false;
    session.revokedAt = this.clock();
    return true;
  }

  private sessionsOf(userId: string): StoredSession[] {
    const ids = [...(this.byUser.get(userId) ?? [])];
    return ids.flatMap((id) => this.sessions.get(id) ?? []);
  }

  private delete(session: StoredSession): void {
    this.sessions.delete(session.id);
    const ids = this.byUser.get(session.userId);
    ids?.delete(session.id);
    if (ids?.size === 0) this.byUser.delete(session.userId);
  }
}

function toRecord(session: StoredSession): SessionRecord {
  return {
    id: session.id,
    userId: session.userId,
    userAgent: session.userAgent,
    ip: session.ip,
    createdAt: new Date(session.createdAt),
    lastUsedAt: new Date(session.lastUsedAt),
    expiresAt: new Date(session.expiresAt),
    revokedAt: session.revokedAt === null ? null : new Date(session.revokedAt),
  };
}
