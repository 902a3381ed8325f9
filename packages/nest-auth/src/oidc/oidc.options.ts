import type { DataSource } from 'typeorm';
import type { ExternalIdentityStore } from './stores/external-identity-store';
import type { OidcLoginStateStore } from './stores/oidc-login-state-store';

/**
 * What `OidcModule.forRoot` takes. The providers and policies are settings (`auth.oidc.*`, read
 * through `AuthConfig`); these are the collaborators.
 */
export interface OidcModuleOptions {
  /** For the TypeORM stores (any `store` but `memory`); type-only import. */
  dataSource?: DataSource;
  /** Replaces the store of linked identities. @default by `store` */
  externalIdentityStore?: ExternalIdentityStore;
  /** Replaces the store of started sign-ins and login codes. @default by `store` */
  loginStateStore?: OidcLoginStateStore;
}
