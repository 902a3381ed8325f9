import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { PeriodicTask } from '../common/periodic-task';
import {
  hashOneTimeToken,
  isWellFormedOneTimeToken,
  newOneTimeToken,
  type OneTimeTokenPurpose,
  type OneTimeTokenRecord,
  OneTimeTokenStore,
} from './one-time-token-store';

interface Entry {
  userId: string;
  purpose: OneTimeTokenPurpose;
  expiresAt: number;
  used: boolean;
}

/**
 * One-time tokens in this process's memory (`store: 'memory'`): lost on restart and not shared
 * between instances. Node runs each call to completion between awaits, so `consume` is atomic.
 */
export class MemoryOneTimeTokenStore extends OneTimeTokenStore implements OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly purge = new PeriodicTask(MemoryOneTimeTokenStore.name, () =>
    this.purgeExpired(),
  );

  constructor(private readonly clock: Clock = systemClock) {
    super();
  }

  /** @inheritdoc */
  issue(userId: string, purpose: OneTimeTokenPurpose, ttlSeconds: number): Promise<string> {
    const token = newOneTimeToken();
    const expiresAt = this.clock() + ttlSeconds * 1000;
    this.entries.set(hashOneTimeToken(token), { userId, purpose, expiresAt, used: false });
    return Promise.resolve(token);
  }

  /** @inheritdoc */
  peek(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null> {
    const entry = this.live(token, purpose);
    return Promise.resolve(entry ? toRecord(entry) : null);
  }

  /** @inheritdoc */
  consume(token: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRecord | null> {
    const entry = this.live(token, purpose);
    if (!entry) return Promise.resolve(null);
    entry.used = true;
    return Promise.resolve(toRecord(entry));
  }

  /** @inheritdoc */
  invalidateAll(userId: string, purpose: OneTimeTokenPurpose): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.userId === userId && entry.purpose === purpose) entry.used = true;
    }
    return Promise.resolve();
  }

  /** @inheritdoc */
  purgeExpired(): Promise<void> {
    const now = this.clock();
    for (const [hash, entry] of this.entries) {
      if (entry.used || entry.expiresAt <= now) this.entries.delete(hash);
    }
    return Promise.resolve();
  }

  onApplicationShutdown(): void {
    this.purge.stop();
  }

  private live(token: string, purpose: OneTimeTokenPurpose): Entry | null {
    if (!isWellFormedOneTimeToken(token)) return null;
    const entry = this.entries.get(hashOneTimeToken(token));
    if (!entry || entry.used || entry.purpose !== purpose || entry.expiresAt <= this.clock())
      return null;
    return entry;
  }
}

function toRecord(entry: Entry): OneTimeTokenRecord {
  return { userId: entry.userId, purpose: entry.purpose, expiresAt: new Date(entry.expiresAt) };
}
