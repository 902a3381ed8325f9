import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { PeriodicTask } from '../common/periodic-task';
import {
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

  protected insertHash(
    hash: string,
    userId: string,
    purpose: OneTimeTokenPurpose,
    ttlMs: number,
  ): Promise<void> {
    this.entries.set(hash, { userId, purpose, expiresAt: this.clock() + ttlMs, used: false });
    return Promise.resolve();
  }

  protected peekHash(
    hash: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<OneTimeTokenRecord | null> {
    const entry = this.live(hash, purpose);
    return Promise.resolve(entry ? toRecord(entry) : null);
  }

  protected consumeHash(
    hash: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<OneTimeTokenRecord | null> {
    const entry = this.live(hash, purpose);
    if (entry) entry.used = true;
    return Promise.resolve(entry ? toRecord(entry) : null);
  }

  private live(hash: string, purpose: OneTimeTokenPurpose): Entry | null {
    const entry = this.entries.get(hash);
    if (!entry || entry.used || entry.purpose !== purpose || entry.expiresAt <= this.clock())
      return null;
    return entry;
  }
}

function toRecord(entry: Entry): OneTimeTokenRecord {
  return { userId: entry.userId, purpose: entry.purpose, expiresAt: new Date(entry.expiresAt) };
}
