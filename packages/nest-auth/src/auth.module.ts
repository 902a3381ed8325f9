import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { composeAuthModule } from './auth-composition';
import {
  AUTH_ASYNC_OPTIONS_TYPE,
  AUTH_OPTIONS_TYPE,
  ConfigurableAuthModule,
} from './auth.module-definition';
import { AuthRouteTiming } from './metrics/auth-route-timing';
import { type AuthStubOptions, authStubDefinition } from './testing/auth-stub.module';

export { AUTH_EXPORTS } from './auth-core.module';

/**
 * Authentication for a Nest monolith. Register with `AuthModule.forRoot(options)` or
 * `AuthModule.forRootAsync({ imports, inject, useFactory })`; replace it in tests with
 * `AuthModule.stub()`. It composes a core of shared services with the feature modules
 * (`SessionsModule`, `RbacModule`, `MfaModule`, `ApiKeysModule`, `AccountRecoveryModule`) that
 * `features` leaves on. The host binds `JwtAuthGuard` and `AuthExceptionFilter`.
 */
@Module({})
export class AuthModule extends ConfigurableAuthModule implements NestModule {
  constructor(private readonly timing: AuthRouteTiming) {
    super();
  }

  static forRoot(options: typeof AUTH_OPTIONS_TYPE): DynamicModule {
    return composeAuthModule(super.forRoot(options), options.features);
  }

  static forRootAsync(options: typeof AUTH_ASYNC_OPTIONS_TYPE): DynamicModule {
    return composeAuthModule(super.forRootAsync(options), options.features);
  }

  /**
   * The module with fast in-memory fakes for a host's tests: known users, a fixed test secret,
   * bcrypt cost 4, no login rate limit, and `AuthTestTokens` to mint access tokens. Every
   * feature module is composed.
   */
  static stub(options: AuthStubOptions = {}): DynamicModule {
    const { definition, own } = authStubDefinition(AuthModule, options);
    return composeAuthModule(definition, undefined, own);
  }

  /** Times the routes of the login and of every composed feature (`auth_http_request_duration_seconds`). */
  configure(consumer: MiddlewareConsumer): void {
    this.timing.attach(consumer);
  }
}
