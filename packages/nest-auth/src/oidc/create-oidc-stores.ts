import type { DataSource } from 'typeorm';
import type { AuthClock } from '../common/auth-clock';
import type { AuthConfig } from '../settings/auth-config';
import type { OidcModuleOptions } from './oidc.options';
import type { ExternalIdentityStore } from './stores/external-identity-store';
import type { OidcLoginStateStore } from './stores/oidc-login-state-store';

function requireDataSource(options: OidcModuleOptions, what: string): DataSource {
  if (options.dataSource) return options.dataSource;
  throw new Error(
    `${what} needs a TypeORM DataSource: pass OidcModule.forRoot({ dataSource }), give the store yourself, or set store: memory.`,
  );
}

/** The host's store, else memory for `store: memory`, else the SQL database. */
export async function createExternalIdentityStore(
  options: OidcModuleOptions,
  config: AuthConfig,
): Promise<ExternalIdentityStore> {
  if (options.externalIdentityStore) return options.externalIdentityStore;
  if (config.store === 'memory') {
    const { MemoryExternalIdentityStore } = await import('./stores/memory-external-identity-store');
    return new MemoryExternalIdentityStore();
  }
  const dataSource = requireDataSource(options, 'The external identity store');
  const { TypeOrmExternalIdentityStore } = await import('./stores/typeorm-external-identity-store');
  return new TypeOrmExternalIdentityStore(dataSource);
}

/** The host's store, else memory for `store: memory`, else the SQL database. */
export async function createOidcLoginStateStore(
  options: OidcModuleOptions,
  config: AuthConfig,
  clock: AuthClock,
): Promise<OidcLoginStateStore> {
  if (options.loginStateStore) return options.loginStateStore;
  if (config.store === 'memory') {
    const { MemoryOidcLoginStateStore } = await import('./stores/memory-oidc-login-state-store');
    return new MemoryOidcLoginStateStore(() => clock.now());
  }
  const dataSource = requireDataSource(options, 'The OIDC login state store');
  const { TypeOrmOidcLoginStateStore } = await import('./stores/typeorm-oidc-login-state-store');
  return new TypeOrmOidcLoginStateStore(dataSource, () => clock.now());
}
