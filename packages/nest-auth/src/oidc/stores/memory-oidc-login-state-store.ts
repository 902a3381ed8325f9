import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../../common/clock';
import { PeriodicTask } from '../../common/periodic-task';
import {
  type OidcLoginStateKind,
  type OidcLoginStateRecord,
  OidcLoginStateStore,
} from './oidc-login-state-store';

interface Entry extends OidcLoginStateRecord {
  used: boolean;
}

/**
 * Sign-in records in this process's memory (`store: 'memory'`): one instance only. Node runs each
 * call to completion between awaits, so `consume` is atomic.
 */
export class MemoryOidcLoginStateStore
  extends OidcLoginStateStore
  implements OnApplicationShutdown
{
  private readonly entries = new Map<string, Entry>();
  private readonly purge = new PeriodicTask(MemoryOidcLoginStateStore.name, () =>
    this.purgeExpired(),
  );

  constructor(private readonly clock: Clock = systemClock) {
    super();
  }

  /** @inheritdoc */
  purgeExpired(): Promise<void> {
    const now = this.clock();
    for (const [hash, entry] of this.entries) {
      if (entry.used || entry.expiresAt.getTime() <= now) this.entries.delete(hash);
    }
    return Promise.resolve();
  }

  onApplicationShutdown(): void {
    this.purge.stop();
  }

  protected insertHash(
    hash: string,
    record: Omit<OidcLoginStateRecord, 'expiresAt'>,
    ttlMs: number,
  ): Promise<void> {
    const expiresAt = new Date(this.clock() + ttlMs);
    this.entries.set(hash, { ...record, data: { ...record.data }, expiresAt, used: false });
    return Promise.resolve();
  }

  protected consumeHash(
    hash: string,
    kind: OidcLoginStateKind,
  ): Promise<OidcLoginStateRecord | null> {
    const entry = this.entries.get(hash);
    if (!entry || entry.used || entry.kind !== kind || entry.expiresAt.getTime() <= this.clock())
      return Promise.resolve(null);
    entry.used = true;
    const { used: _used, ...record } = entry;
    return Promise.resolve({ ...record, data: { ...record.data } });
  }
}
