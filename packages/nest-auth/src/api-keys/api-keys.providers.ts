import type { Provider } from '@nestjs/common';
import { AUTH_MODULE_OPTIONS } from '../module/auth-module-options.token';
import { AuthClock } from '../common/auth-clock';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthConfig } from '../settings/auth-config';
import { UserStore } from '../user-store/user-store';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyStore } from './api-key-store';
import { ApiKeyOwners } from './api-key-owners';
import { createApiKeyStore } from './create-api-key-store';

/**
 * API keys as credentials: the store, the owner lookup and the authenticator. Shared services of
 * the module while API keys are composed, since the authenticator of every route dispatches to them.
 */
export const API_KEY_AUTHENTICATION_PROVIDERS: Provider[] = [
  {
    provide: ApiKeyStore,
    inject: [AUTH_MODULE_OPTIONS, AuthConfig],
    useFactory: createApiKeyStore,
  },
  { provide: ApiKeyOwners, inject: [UserStore], useFactory: (u: UserStore) => new ApiKeyOwners(u) },
  {
    provide: ApiKeyAuthenticator,
    inject: [ApiKeyStore, ApiKeyOwners, AuthClock, AuthDecisionLogger],
    useFactory: (store: ApiKeyStore, owners: ApiKeyOwners, c: AuthClock, log: AuthDecisionLogger) =>
      new ApiKeyAuthenticator(store, owners, () => c.now(), log),
  },
];
