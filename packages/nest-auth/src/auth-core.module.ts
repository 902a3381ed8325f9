import { type DynamicModule, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { API_KEY_AUTHENTICATION_PROVIDERS } from './api-keys/api-keys.providers';
import { ApiKeyOwners } from './api-keys/api-key-owners';
import { ApiKeyStore } from './api-keys/api-key-store';
import { AuthenticatorProtocol } from './authenticator/authenticator.protocol';
import { AUTH_PROVIDERS } from './auth.providers';
import { AuthClock } from './common/auth-clock';
import { CredentialsVerifier } from './credentials/credentials-verifier';
import { AuthExceptionFilter } from './errors/auth-exception.filter';
import { AuthEventPublisher } from './events/auth-event-publisher';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { LoginThrottlerGuard } from './guards/login-throttler.guard';
import { NoCredentialsInUrlGuard } from './guards/no-credentials-in-url.guard';
import { AuthLifecycleHooks } from './login/auth-lifecycle-hooks';
import { AuthService } from './login/auth.service';
import { SecondFactorMethods } from './login/second-factor-methods';
import { LoginAttemptTracker } from './login-attempt-tracker/login-attempt-tracker';
import { AuthDecisionLogger } from './logging/auth-decision-logger';
import { AuthMetrics } from './metrics/auth-metrics';
import { type AuthFeatures, isComposed } from './module/auth-features';
import { AUTH_MODULE_OPTIONS } from './module/auth-module-options.token';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordPolicy } from './passwords/password-policy';
import { AuthConfig } from './settings/auth-config';
import { AuthStoreHealth } from './stores/auth-store-health';
import { LocalStrategy } from './strategies/local.strategy';
import { TokenBlacklist } from './token-blacklist/token-blacklist';
import { TokenService } from './tokens/token.service';
import { UserStore } from './user-store/user-store';

/**
 * What the core exports to the feature modules and the host: the options, config, clock,
 * stores, tokens, audit events, decision logs, the login hooks and the guards, so the features
 * (and OidcModule, PasskeysModule beside the module) never reach into each other.
 */
export const AUTH_EXPORTS = [
  AUTH_MODULE_OPTIONS,
  AuthService,
  CredentialsVerifier,
  AuthLifecycleHooks,
  SecondFactorMethods,
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
  AuthEventPublisher,
  AuthDecisionLogger,
  // The login rate limit, so the public routes of every feature are throttled like /auth/login.
  LoginThrottlerGuard,
  NoCredentialsInUrlGuard,
  getOptionsToken(),
  getStorageToken(),
];

/** The shared services of AuthModule; each feature module imports this one instance. */
@Module({})
export class AuthCoreModule {}

/**
 * The core for a definition of `forRoot`/`forRootAsync`/`stub`: its options provider (and the
 * host modules a `forRootAsync` factory injects from) with every shared service.
 */
export function authCoreModule(
  definition: DynamicModule,
  features: AuthFeatures | undefined,
): DynamicModule {
  const apiKeys = isComposed(features, 'apiKeys');
  return {
    module: AuthCoreModule,
    imports: [PassportModule, ...(definition.imports ?? [])],
    providers: [
      ...(definition.providers ?? []),
      ...AUTH_PROVIDERS,
      ...(apiKeys ? API_KEY_AUTHENTICATION_PROVIDERS : []),
      AuthService,
      LocalStrategy,
      JwtAuthGuard,
      LocalAuthGuard,
      LoginThrottlerGuard,
      NoCredentialsInUrlGuard,
      AuthExceptionFilter,
    ],
    exports: [...AUTH_EXPORTS, LocalAuthGuard, ...(apiKeys ? [ApiKeyStore, ApiKeyOwners] : [])],
  };
}
