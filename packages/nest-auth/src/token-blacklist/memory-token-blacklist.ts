import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { ExpiringMap } from '../common/expiring-map';
import { PeriodicTask } from '../common/periodic-task';
import { type RevocationQuery, TokenBlacklist } from './token-blacklist';

interface UserRevocationEntry {
  revokedBefore: number;
  expiresAt: number;
}

/**
 * Blacklist for one process (development, tests, a single instance); revocations are lost on
 * restart. Entries leave memory once the tokens they revoke have expired.
 */
export class MemoryTokenBlacklist extends TokenBlacklist implements OnApplicationShutdown {
  /** Revoked id → expiry (epoch ms). */
  private readonly ids = new ExpiringMap<number>((expiresAt, now) => expiresAt <= now);
  private readonly users = new ExpiringMap<UserRevocationEntry>(
    (entry, now) => entry.expiresAt <= now,
  );
  private readonly purge = new PeriodicTask(MemoryTokenBlacklist.name, () => {
    const now = this.clock();
    this.ids.sweep(now);
    this.users.sweep(now);
  });

  constructor(private readonly clock: Clock = systemClock) {
    super();
  }

  /** @inheritdoc */
  revoke(id: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock();
    // An expired entry reads as absent, so an id can be revoked again once it has lapsed.
    if (this.ids.get(id, now) !== undefined) return Promise.resolve(false);
    this.ids.set(id, expiresAt.getTime(), now);
    return Promise.resolve(true);
  }

  /** @inheritdoc */
  revokeAllForUser(userId: string, beforeMs: number, expiresAt: Date): Promise<void> {
    const now = this.clock();
    const current = this.users.get(userId, now);
    this.users.set(
      userId,
      {
        revokedBefore: Math.max(beforeMs, current?.revokedBefore ?? beforeMs),
        expiresAt: Math.max(expiresAt.getTime(), current?.expiresAt ?? 0),
      },
      now,
    );
    return Promise.resolve();
  }

  /** @inheritdoc */
  isRevoked({ ids, userId, issuedAtMs }: RevocationQuery): Promise<boolean> {
    const now = this.clock();
    const user = this.users.get(userId, now);
    const revoked =
      ids.some((id) => this.ids.get(id, now) !== undefined) ||
      (user !== undefined && issuedAtMs <= user.revokedBefore);
    return Promise.resolve(revoked);
  }

  /** Stops the purge timer (Nest calls it on `app.close()`). */
  onApplicationShutdown(): void {
    this.purge.stop();
  }
}
