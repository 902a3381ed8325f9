import type { Clock } from '../common/clock';
import type { AuthConfig } from '../settings/auth-config';
import { type DataSourceOption, requireDataSource } from '../sql/require-data-source';
import type { SessionStore } from './session-store';

/**
 * The session store, unless the host supplied one: in memory under `store: 'memory'`, else in
 * the database (Redis holds only counters and revocations, not account state). Each backend is
 * imported only when chosen, so a memory-only host never loads TypeORM.
 */
/** What the session store is chosen from: the host's own, or its DataSource. */
export type SessionStoreOptions = DataSourceOption & { sessionStore?: SessionStore };

export async function createSessionStore(
  options: SessionStoreOptions,
  config: AuthConfig,
  clock: Clock,
): Promise<SessionStore> {
  if (options.sessionStore) return options.sessionStore;
  if (config.store === 'memory') {
    const { MemorySessionStore } = await import('./memory-session-store');
    return new MemorySessionStore(clock);
  }
  const { TypeOrmSessionStore } = await import('./typeorm-session-store');
  return new TypeOrmSessionStore(requireDataSource(options, 'The session store'), clock);
}
