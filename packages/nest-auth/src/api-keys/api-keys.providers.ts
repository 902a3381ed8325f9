import type { Provider } from '@nestjs/common';
import { AUTH_MODULE_OPTIONS } from '../auth.module-definition';
import { AuthClock } from '../common/auth-clock';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthConfig } from '../settings/auth-config';
import { UserStore } from '../user-store/user-store';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyService } from './api-key.service';
import { ApiKeyStore } from './api-key-store';
import { ApiKeyOwners } from './api-key-owners';
import { createApiKeyStore } from './create-api-key-store';

/** API keys: the store, the owner lookup, the management service and the authenticator. */
export const API_KEY_PROVIDERS: Provider[] = [
  {
    provide: ApiKeyStore,
    inject: [AUTH_MODULE_OPTIONS, AuthConfig],
    useFactory: createApiKeyStore,
  },
  { provide: ApiKeyOwners, inject: [UserStore], useFactory: (u: UserStore) => new ApiKeyOwners(u) },
  ApiKeyService,
  {
    provide: ApiKeyAuthenticator,
    inject: [ApiKeyStore, ApiKeyOwners, AuthClock, AuthDecisionLogger],
    useFactory: (store: ApiKeyStore, owners: ApiKeyOwners, c: AuthClock, log: AuthDecisionLogger) =>
      new ApiKeyAuthenticator(store, owners, () => c.now(), log),
  },
];
