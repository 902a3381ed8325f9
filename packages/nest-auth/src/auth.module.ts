import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { AccountRecoveryController } from './account-recovery/account-recovery.controller';
import { ACCOUNT_RECOVERY_PROVIDERS } from './account-recovery/account-recovery.providers';
import { ApiKeyStore } from './api-keys/api-key-store';
import { ApiKeyService } from './api-keys/api-key.service';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { API_KEY_PROVIDERS } from './api-keys/api-keys.providers';
import { AuthController } from './auth.controller';
import { AUTH_MODULE_OPTIONS, ConfigurableAuthModule } from './auth.module-definition';
import { AUTH_PROVIDERS } from './auth.providers';
import { AuthService } from './auth.service';
import { AuthenticatorProtocol } from './authenticator/authenticator.protocol';
import { AuthClock } from './common/auth-clock';
import { AuthConfig } from './settings/auth-config';
import { AuthExceptionFilter } from './errors/auth-exception.filter';
import { AuthEventPublisher } from './events/auth-event-publisher';
import { AuthDecisionLogger } from './logging/auth-decision-logger';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { LoginThrottlerGuard } from './guards/login-throttler.guard';
import { MfaLoginService } from './mfa/mfa-login.service';
import { NoCredentialsInUrlGuard } from './guards/no-credentials-in-url.guard';
import { LoginAttemptTracker } from './login-attempt-tracker/login-attempt-tracker';
import { AuthMetrics } from './metrics/auth-metrics';
import { AuthRequestTimerMiddleware } from './metrics/auth-request-timer.middleware';
import { MfaController } from './mfa/mfa.controller';
import { MFA_PROVIDERS } from './mfa/mfa.providers';
import { MfaService } from './mfa/mfa.service';
import { MfaStore } from './mfa/mfa.store';
import { SecondFactorMethods } from './mfa/second-factor-methods';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordPolicy } from './passwords/password-policy';
import { AuthorizationGuard } from './rbac/authorization.guard';
import { RBAC_PROVIDERS } from './rbac/rbac.providers';
import { RolePermissions } from './rbac/role-permissions';
import { SessionStore } from './sessions/session-store';
import { SessionsController } from './sessions/sessions.controller';
import { SESSIONS_PROVIDERS } from './sessions/sessions.providers';
import { LocalStrategy } from './strategies/local.strategy';
import { type AuthStubOptions, createAuthStubModule } from './testing/auth-stub.module';
import { AuthStoreHealth } from './stores/auth-store-health';
import { TokenBlacklist } from './token-blacklist/token-blacklist';
import { JwksController } from './tokens/jwks.controller';
import { TokenService } from './tokens/token.service';
import { UserStore } from './user-store/user-store';

/** What the module exports, whichever way it is registered. */
export const AUTH_EXPORTS = [
  AuthService,
  AuthenticatorProtocol,
  LoginAttemptTracker,
  TokenBlacklist,
  UserStore,
  PasswordHasher,
  PasswordPolicy,
  TokenService,
  AuthConfig,
  AuthClock,
  AuthMetrics,
  JwtAuthGuard,
  AuthExceptionFilter,
  AuthStoreHealth,
  ApiKeyService,
  ApiKeyStore,
  SessionStore,
  RolePermissions,
  AuthorizationGuard,
  MfaService,
  MfaStore,
  // For a host's own sign-in routes (e.g. the example host's pages): the same throttle and MFA step.
  MfaLoginService,
  // For the feature modules beside this one (OidcModule, PasskeysModule): its options (the
  // DataSource), audit events, decision logs, the second factors of the MFA step, and the login
  // rate limit, so their public routes are throttled like /auth/login.
  AUTH_MODULE_OPTIONS,
  AuthEventPublisher,
  AuthDecisionLogger,
  SecondFactorMethods,
  LoginThrottlerGuard,
  getOptionsToken(),
  getStorageToken(),
];

/**
 * Authentication for a Nest monolith. Register with `AuthModule.forRoot(options)` or
 * `AuthModule.forRootAsync({ imports, inject, useFactory })`; replace it in tests with
 * `AuthModule.stub()`. The host binds `JwtAuthGuard` and `AuthExceptionFilter`.
 */
@Module({
  imports: [PassportModule],
  controllers: [
    AuthController,
    ApiKeysController,
    JwksController,
    SessionsController,
    MfaController,
    AccountRecoveryController,
  ],
  providers: [
    ...AUTH_PROVIDERS,
    ...SESSIONS_PROVIDERS,
    ...RBAC_PROVIDERS,
    ...API_KEY_PROVIDERS,
    ...MFA_PROVIDERS,
    ...ACCOUNT_RECOVERY_PROVIDERS,
    AuthService,
    LocalStrategy,
    JwtAuthGuard,
    LocalAuthGuard,
    LoginThrottlerGuard,
    NoCredentialsInUrlGuard,
    AuthExceptionFilter,
  ],
  exports: AUTH_EXPORTS,
})
export class AuthModule extends ConfigurableAuthModule implements NestModule {
  /** Times the module's own routes (`auth_http_request_duration_seconds`). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(AuthRequestTimerMiddleware)
      .forRoutes(
        AuthController,
        ApiKeysController,
        SessionsController,
        MfaController,
        AccountRecoveryController,
      );
  }

  /**
   * The module with fast in-memory fakes for a host's tests: known users, a fixed test secret,
   * bcrypt cost 4, no login rate limit, and `AuthTestTokens` to mint access tokens.
   */
  static stub(options: AuthStubOptions = {}): DynamicModule {
    return createAuthStubModule(AuthModule, options);
  }
}
