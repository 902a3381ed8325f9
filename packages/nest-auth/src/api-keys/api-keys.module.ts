import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeyService } from './api-key.service';
import { ApiKeysController } from './api-keys.controller';

/**
 * The management of API keys, `/auth/api-keys`. Composed by `AuthModule` unless
 * `features.apiKeys` is `false`; then no key is accepted either (`API_KEY_AUTHENTICATION_PROVIDERS`
 * join the shared services only with this module).
 */
@Module({})
export class ApiKeysModule {
  /**
   * @param core the module's shared services: what `AuthModule` composes it with
   * @param rbac the role model a key's scopes are checked against
   */
  static register(core: DynamicModule, rbac: DynamicModule): DynamicModule {
    return {
      module: ApiKeysModule,
      imports: [core, rbac],
      controllers: [ApiKeysController],
      providers: [ApiKeyService],
      exports: [ApiKeyService],
    };
  }
}
