import type { AuthConfig } from '../settings/auth-config';
import { type DataSourceOption, requireDataSource } from '../sql/require-data-source';
import type { ApiKeyStore } from './api-key-store';

/**
 * The host's store if it gave one; in memory for `store: memory`; in the database otherwise
 * (Redis holds only short-lived state, so keys live in the SQL database with `store: redis`).
 * Each backend is imported only when chosen, so a memory-only host never loads TypeORM.
 */
export async function createApiKeyStore(
  options: DataSourceOption & { apiKeyStore?: ApiKeyStore },
  config: AuthConfig,
): Promise<ApiKeyStore> {
  if (options.apiKeyStore) return options.apiKeyStore;
  if (config.store === 'memory') {
    const { MemoryApiKeyStore } = await import('./memory-api-key-store');
    return new MemoryApiKeyStore();
  }
  const dataSource = requireDataSource(options, 'The API key store');
  const { TypeOrmApiKeyStore } = await import('./typeorm-api-key-store');
  return new TypeOrmApiKeyStore(dataSource);
}
