import { Logger, type Provider } from '@nestjs/common';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import { EVENT_EMITTER, requireOptional } from './common/optional-dependency';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { AUTH_MODULE_OPTIONS } from './module/auth-module-options.token';
import type { AuthModuleOptions } from './options/auth-module-options';
import { ApiKeyAuthenticator } from './api-keys/api-key.authenticator';
import { CompositeAuthenticator } from './authenticator/composite.authenticator';
import { AuthenticatorProtocol } from './authenticator/authenticator.protocol';
import { BearerJwtAuthenticator } from './authenticator/bearer-jwt.authenticator';
import { AuthClock } from './common/auth-clock';
import { AuthConfig } from './settings/auth-config';
import { AuthConfigurationError } from './settings/auth-configuration.error';
import { loadAuthConfig } from './settings/load-auth-config';
import { placeholderSecretWarning } from './settings/placeholder-secret-warning';
import { CredentialsVerifier } from './credentials/credentials-verifier';
import { AuthEventPublisher } from './events/auth-event-publisher';
import { LoginAttemptTracker } from './login-attempt-tracker/login-attempt-tracker';
import { AuthDecisionLogger } from './logging/auth-decision-logger';
import { AuthMetrics } from './metrics/auth-metrics';
import { createPasswordHasher } from './passwords/create-password-hasher';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordPolicy } from './passwords/password-policy';
import { AuthRedisConnection } from './stores/auth-redis-connection';
import { AuthStoreHealth } from './stores/auth-store-health';
import { createLoginAttemptTracker, createTokenBlacklist } from './stores/create-stores';
import { createThrottlerStorage } from './stores/create-throttler-storage';
import { TokenBlacklist } from './token-blacklist/token-blacklist';
import { TokenService } from './tokens/token.service';
import { UserStore } from './user-store/user-store';
import { AuthLifecycleHooks } from './login/auth-lifecycle-hooks';
import { SecondFactorMethods } from './login/second-factor-methods';
import { VerifiedEmailHook } from './login/verified-email.hook';
import { hookProvider } from './login/hook-provider';

// The host's emitter class, the token EventEmitterModule registers, when the package is installed.
const EVENT_EMITTER2 = requireOptional(
  EVENT_EMITTER,
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer dependency
  () => (require('@nestjs/event-emitter') as typeof import('@nestjs/event-emitter')).EventEmitter2,
);

const O = AUTH_MODULE_OPTIONS;

function requireUserStore(options: AuthModuleOptions): UserStore {
  if (options.userStore) return options.userStore;
  throw new AuthConfigurationError([
    {
      variable: 'userStore',
      message: 'AuthModule needs a UserStore: return `userStore` from its options.',
    },
  ]);
}

/** Loads the config once per module, warning (once, at boot) of a placeholder secret. */
function authConfigOf(options: AuthModuleOptions): AuthConfig {
  const config = loadAuthConfig(options);
  const warning = placeholderSecretWarning(config);
  if (warning) new Logger('AuthConfig').warn(warning);
  return config;
}

/** The module's shared services, each built from the options and the validated config. */
export const AUTH_PROVIDERS: Provider[] = [
  { provide: AuthConfig, inject: [O], useFactory: authConfigOf },
  {
    provide: AuthClock,
    inject: [O],
    useFactory: (o: AuthModuleOptions) => AuthClock.from(o.clock),
  },
  { provide: AuthMetrics, useFactory: () => new AuthMetrics() },
  { provide: AuthDecisionLogger, useFactory: () => new AuthDecisionLogger() },
  {
    provide: PasswordHasher,
    inject: [O, AuthConfig],
    useFactory: (o: AuthModuleOptions, c: AuthConfig) =>
      o.passwordHasher ?? createPasswordHasher(c.password),
  },
  {
    provide: PasswordPolicy,
    inject: [AuthConfig],
    useFactory: (c: AuthConfig) => new PasswordPolicy(c.password),
  },
  { provide: UserStore, inject: [O], useFactory: requireUserStore },
  {
    provide: AuthRedisConnection,
    inject: [O, AuthConfig],
    useFactory: (o: AuthModuleOptions, c: AuthConfig) => AuthRedisConnection.create(o, c),
  },
  {
    provide: AuthStoreHealth,
    inject: [AuthRedisConnection],
    useFactory: (redis: AuthRedisConnection) => new AuthStoreHealth(redis),
  },
  {
    provide: LoginAttemptTracker,
    inject: [O, AuthConfig, AuthClock, AuthRedisConnection],
    useFactory: (o: AuthModuleOptions, c: AuthConfig, clock: AuthClock, r: AuthRedisConnection) =>
      createLoginAttemptTracker(o, c, () => clock.now(), r),
  },
  {
    provide: TokenBlacklist,
    inject: [O, AuthConfig, AuthClock, AuthRedisConnection],
    useFactory: (o: AuthModuleOptions, c: AuthConfig, clock: AuthClock, r: AuthRedisConnection) =>
      createTokenBlacklist(o, c, () => clock.now(), r),
  },
  {
    provide: TokenService,
    inject: [AuthConfig, AuthClock],
    useFactory: (c: AuthConfig, clock: AuthClock) => new TokenService(c, () => clock.now()),
  },
  {
    provide: AuthenticatorProtocol,
    // Absent while the API keys feature is left out of the composition.
    inject: [
      O,
      AuthConfig,
      TokenService,
      TokenBlacklist,
      { token: ApiKeyAuthenticator, optional: true },
    ],
    useFactory: (
      o: AuthModuleOptions,
      c: AuthConfig,
      tokens: TokenService,
      blacklist: TokenBlacklist,
      apiKeys?: ApiKeyAuthenticator,
    ) => {
      if (o.authenticator) return o.authenticator;
      const bearer = new BearerJwtAuthenticator(tokens, blacklist);
      // With API keys on, a dispatcher by scheme; off, the bearer authenticator alone.
      return c.apiKeys.enabled && apiKeys ? new CompositeAuthenticator(bearer, apiKeys) : bearer;
    },
  },
  {
    // Optional: the host may not use (or install) @nestjs/event-emitter; then events are dropped.
    provide: AuthEventPublisher,
    inject: EVENT_EMITTER2 ? [{ token: EVENT_EMITTER2, optional: true }] : [],
    useFactory: (emitter?: EventEmitter2) => new AuthEventPublisher(emitter ?? null),
  },
  {
    provide: CredentialsVerifier,
    inject: [
      UserStore,
      LoginAttemptTracker,
      PasswordHasher,
      AuthMetrics,
      AuthDecisionLogger,
      AuthEventPublisher,
    ],
    useFactory: (...deps: ConstructorParameters<typeof CredentialsVerifier>) =>
      new CredentialsVerifier(...deps),
  },
  {
    provide: getOptionsToken(),
    inject: [AuthConfig],
    useFactory: ({ loginRateLimit }: AuthConfig) => ({
      throttlers: [
        { name: 'default', limit: loginRateLimit.limit, ttl: loginRateLimit.ttlSeconds * 1000 },
      ],
    }),
  },
  { provide: getStorageToken(), inject: [AuthRedisConnection], useFactory: createThrottlerStorage },
  { provide: AuthLifecycleHooks, useFactory: () => new AuthLifecycleHooks() },
  hookProvider(VerifiedEmailHook, AuthConfig, AuthDecisionLogger),
  // The second factors the MFA step offers besides TOTP; passkeys register theirs here.
  { provide: SecondFactorMethods, useFactory: () => new SecondFactorMethods() },
];
