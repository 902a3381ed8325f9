import type { Clock } from '../common/clock';
import type { AuthConfig } from '../settings/auth-config';
import { type DataSourceOption, requireDataSource } from '../sql/require-data-source';
import type { OneTimeTokenStore } from './one-time-token-store';

/**
 * The store for `config.store`, unless the host supplied one: memory for `memory`, the SQL
 * database otherwise (Redis holds only counters and revocations; these tokens are account state).
 * Each backend is imported only when chosen, so a memory-only host never loads TypeORM.
 */
/** What the token store is chosen from: the host's own, or its DataSource. */
export type OneTimeTokenStoreOptions = DataSourceOption & { oneTimeTokenStore?: OneTimeTokenStore };

export async function createOneTimeTokenStore(
  options: OneTimeTokenStoreOptions,
  config: AuthConfig,
  clock: Clock,
): Promise<OneTimeTokenStore> {
  if (options.oneTimeTokenStore) return options.oneTimeTokenStore;
  // With both features off no token is ever issued: a host without a DataSource still boots.
  const unused = !config.passwordReset.enabled && !config.emailVerification.enabled;
  if (config.store === 'memory' || unused) {
    const { MemoryOneTimeTokenStore } = await import('./memory-one-time-token-store');
    return new MemoryOneTimeTokenStore(clock);
  }
  const { TypeOrmOneTimeTokenStore } = await import('./typeorm-one-time-token-store');
  return new TypeOrmOneTimeTokenStore(
    requireDataSource(options, 'Password reset and email verification tokens'),
    clock,
  );
}
