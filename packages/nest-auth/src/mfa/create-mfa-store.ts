import type { Clock } from '../common/clock';
import type { AuthConfig } from '../settings/auth-config';
import { type DataSourceOption, requireDataSource } from '../sql/require-data-source';
import type { MfaStore } from './mfa.store';

/**
 * The MFA store: the host's, else memory for `store: memory` (or when MFA is switched off, so
 * such a host needs no database), else the database, imported only when chosen.
 */
/** What the MFA store is chosen from: the host's own, or its DataSource. */
export type MfaStoreOptions = DataSourceOption & { mfaStore?: MfaStore };

export async function createMfaStore(
  options: MfaStoreOptions,
  config: AuthConfig,
  clock: Clock,
): Promise<MfaStore> {
  if (options.mfaStore) return options.mfaStore;
  if (config.store === 'memory' || !config.mfa.enabled) {
    const { MemoryMfaStore } = await import('./memory-mfa.store');
    return new MemoryMfaStore(clock);
  }
  const { TypeOrmMfaStore } = await import('./typeorm-mfa.store');
  return new TypeOrmMfaStore(requireDataSource(options, 'MFA (mfa.enabled)'), clock);
}
