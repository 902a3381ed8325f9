import type { Clock } from '../common/clock';
import type { AuthConfig } from '../settings/auth-config';
import { type DataSourceOption, requireDataSource } from '../sql/require-data-source';
import type { PasskeyStore } from './passkey-store';

/**
 * The host's store if it gave one (`PasskeysModule.forRoot({ passkeyStore })`, or the stub's);
 * in memory for `store: memory`; in the SQL database otherwise (Redis holds only counters and
 * revocations, so with `store: redis` passkeys and their challenges live in the database too).
 * Each backend is imported only when chosen, so a memory-only host never loads TypeORM.
 */
/** What the passkey store is chosen from besides the one given: the host's own, or its DataSource. */
export type PasskeyStoreOptions = DataSourceOption & { passkeyStore?: PasskeyStore };

export async function createPasskeyStore(
  given: PasskeyStore | undefined,
  options: PasskeyStoreOptions,
  config: AuthConfig,
  clock: Clock,
): Promise<PasskeyStore> {
  const store = given ?? options.passkeyStore;
  if (store) return store;
  if (config.store === 'memory') {
    const { MemoryPasskeyStore } = await import('./memory-passkey-store');
    return new MemoryPasskeyStore(clock);
  }
  const dataSource = requireDataSource(options, 'The passkey store');
  const { TypeOrmPasskeyStore } = await import('./typeorm-passkey-store');
  return new TypeOrmPasskeyStore(dataSource, clock);
}
