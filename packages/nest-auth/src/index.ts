// The public API of the auth module. Everything a host imports comes from here (or ./testing).
export { AuthModule, AUTH_EXPORTS } from './auth.module';
export { AUTH_MODULE_OPTIONS, type AuthModuleExtras } from './auth.module-definition';
export type { AuthModuleOptions } from './options/auth-module-options';
export type { AuthFeatures } from './module/auth-features';
export { AuthCoreModule } from './auth-core.module';
export { SessionsModule } from './sessions/sessions.module';
export { RbacModule } from './rbac/rbac.module';
export { MfaModule } from './mfa/mfa.module';
export { ApiKeysModule } from './api-keys/api-keys.module';
export { AccountRecoveryModule } from './account-recovery/account-recovery.module';
export { AuthLifecycleHooks } from './login/auth-lifecycle-hooks';
export { type AuthLifecycleHook, HOOK_ORDER } from './login/auth-lifecycle-hook';
export type {
  AuthSettingsOptions,
  ConfigSourceOptions,
  PasskeyOptions,
  PasswordOptions,
  TokenOptions,
} from './settings/auth-settings-options';
export { AuthService } from './login/auth.service';
export { AuthController, type UserView } from './auth.controller';

export {
  AuthenticatorProtocol,
  type AuthenticatableRequest,
} from './authenticator/authenticator.protocol';
export { BearerJwtAuthenticator } from './authenticator/bearer-jwt.authenticator';
export type { AuthMethod, AuthPrincipal } from './authenticator/auth-principal';

export {
  LoginAttemptTracker,
  LoginAttemptTrackerProtocol,
  type LoginAttemptReservation,
  type LoginAttemptStatus,
} from './login-attempt-tracker/login-attempt-tracker';
export type { LockoutPolicy } from './login-attempt-tracker/lockout-policy';
export { MemoryLoginAttemptTracker } from './login-attempt-tracker/memory-login-attempt-tracker';
export {
  TokenBlacklist,
  TokenBlacklistProtocol,
  type RevocationQuery,
} from './token-blacklist/token-blacklist';
export { MemoryTokenBlacklist } from './token-blacklist/memory-token-blacklist';
export { UserStore, type AuthUser, type NewAuthUser } from './user-store/user-store';
export { MemoryUserStore } from './user-store/memory-user-store';

export { PasswordHasher } from './passwords/password-hasher';
export { BcryptPasswordHasher } from './passwords/bcrypt-password-hasher';
export { WorkerBcryptPasswordHasher } from './passwords/worker-bcrypt-password-hasher';
export {
  Argon2idPasswordHasher,
  OWASP_ARGON2ID,
  type Argon2Parameters,
} from './passwords/argon2id-password-hasher';
export { DelegatingPasswordHasher } from './passwords/delegating-password-hasher';
export { ConcurrencyLimitedPasswordHasher } from './passwords/concurrency-limited-password-hasher';
export { PasswordPolicy, type PasswordContext } from './passwords/password-policy';

export { TokenService } from './tokens/token.service';
export { mintedAudience } from './tokens/token-audience';
export type { TokenClaims, TokenPair } from './tokens/token-claims';
export type { JsonWebKeySet } from './tokens/token-key-ring';
export { JwksController } from './tokens/jwks.controller';

export { JwtAuthGuard } from './guards/jwt-auth.guard';
export { LoginThrottlerGuard } from './guards/login-throttler.guard';
export { clientInfoOf, type ClientInfo, type ClientRequest } from './common/client-info';
export { Public } from './decorators/public.decorator';
export { AcceptsApiKeys } from './decorators/accepts-api-keys.decorator';
export { CurrentUser } from './decorators/current-user.decorator';

export * from './errors/auth.errors';
export * from './errors/http-request.errors';
export { AuthExceptionFilter } from './errors/auth-exception.filter';
export { ZodBodyPipe } from './dto/zod-body.pipe';
export type { ErrorBody } from './errors/error-body';

export { AuthConfig, type SettingSource } from './settings/auth-config';
export { AuthConfigurationError, type ConfigProblem } from './settings/auth-configuration.error';
export { loadAuthConfig } from './settings/load-auth-config';
export {
  checkAuthConfiguration,
  type MountedAuthFeatures,
} from './configuration/check-auth-configuration';
export * from './settings/auth-settings';
export { DEFAULT_PASSWORD_SETTINGS } from './settings/password-settings.schema';
export { AuthClock } from './common/auth-clock';
export type { Clock } from './common/clock';
export { Result } from './common/result';
export { normalizeIdentifier } from './common/normalize-identifier';
export { AuthMetrics } from './metrics/auth-metrics';
export { AuthMetricsEndpointModule } from './metrics/auth-metrics-endpoint.module';
export { MetricsEndpointMiddleware } from './metrics/metrics-endpoint.middleware';
export {
  METRICS_ENDPOINT_OPTIONS,
  type MetricsEndpointOptions,
} from './metrics/metrics-endpoint.options';
export { bearerTokenMatches } from './metrics/bearer-token-matches';
export * from './events/auth-events';
export { AuthEventPublisher } from './events/auth-event-publisher';
export { AuthStoreHealth, type StoreHealth } from './stores/auth-store-health';
export { StoreOutages, storeOutages } from './errors/store-outages';

export { RolePermissions } from './rbac/role-permissions';
export { permissionMatches, isPermissionPattern } from './permissions/permission-pattern';
export { Roles } from './rbac/roles.decorator';
export { Permissions } from './rbac/permissions.decorator';
export { AuthorizationGuard } from './rbac/authorization.guard';

export { SessionStore, type SessionRecord, type NewSession } from './sessions/session-store';
export { MemorySessionStore } from './sessions/memory-session-store';
export { SessionsService } from './sessions/sessions.service';
export { SessionsController } from './sessions/sessions.controller';
export type { SessionListView, SessionView } from './sessions/session-view';

export { ApiKeyStore, type ApiKeyInsertResult, type ApiKeyRecord } from './api-keys/api-key-store';
export { MemoryApiKeyStore } from './api-keys/memory-api-key-store';
export { ApiKeyService } from './api-keys/api-key.service';
export { ApiKeysController } from './api-keys/api-keys.controller';
export { ApiKeyAuthenticator } from './api-keys/api-key.authenticator';
export { CompositeAuthenticator } from './authenticator/composite.authenticator';
export { InvalidApiKeyError, type ApiKeyRejection } from './api-keys/invalid-api-key.error';
export type { ApiKeyView, CreatedApiKey } from './api-keys/api-key-view';

export { MfaStore, type MfaEnrolment, type MfaChallengeRecord } from './mfa/mfa.store';
export { MemoryMfaStore } from './mfa/memory-mfa.store';
export { MfaService, type MfaStatus, type TotpEnrolment } from './mfa/mfa.service';
export { MfaLoginService } from './mfa/mfa-login.service';
export { MfaController, type RecoveryCodesView } from './mfa/mfa.controller';
export { SecondFactorMethods, type SecondFactorAvailability } from './login/second-factor-methods';

export { PasskeysModule, type PasskeysModuleOptions } from './passkeys/passkeys.module';
export {
  PasskeyStore,
  type PasskeyRecord,
  type PasskeyChallengeRecord,
  type PasskeyChallengePurpose,
  type PasskeyDeviceType,
  type PasskeyInsertResult,
} from './passkeys/passkey-store';
export { MemoryPasskeyStore } from './passkeys/memory-passkey-store';
export { PasskeyManagementService } from './passkeys/passkey-management.service';
export type { PasskeyView } from './passkeys/passkey-view';
export {
  PasskeyAuthenticationService,
  type PasskeyRequestOptions,
} from './passkeys/passkey-authentication.service';
export {
  authenticationVerifySchema as passkeyAuthenticationVerifySchema,
  type AuthenticationVerifyRequest as PasskeyAuthenticationVerifyRequest,
} from './passkeys/passkey.schemas';
export { InvalidPasskeyError } from './passkeys/invalid-passkey.error';
export { InvalidPasskeyRegistrationError } from './passkeys/invalid-passkey-registration.error';
export {
  PasskeyRegisteredEvent,
  PasskeyRenamedEvent,
  PasskeyDeletedEvent,
  PasskeyLoginSucceededEvent,
  PasskeyLoginFailedEvent,
  PasskeyCloneSuspectedEvent,
  type PasskeyFactor,
  type PasskeyLoginFailureReason,
} from './passkeys/passkey.events';

export {
  OneTimeTokenStore,
  type OneTimeTokenPurpose,
  type OneTimeTokenRecord,
} from './one-time-tokens/one-time-token-store';
export { MemoryOneTimeTokenStore } from './one-time-tokens/memory-one-time-token-store';
export { Mailer, type MailMessage } from './mail/mailer';
export { OutboxMailer } from './mail/outbox-mailer';
export { smtpTransportOptions } from './mail/smtp-transport-options';
export { MailDispatcher } from './mail/mail-dispatcher';
export { PasswordResetService } from './account-recovery/password-reset.service';
export { EmailVerificationService } from './account-recovery/email-verification.service';
export {
  AccountRecoveryController,
  type MailQueuedView,
} from './account-recovery/account-recovery.controller';
export { AccountRecoveryRateLimitError } from './account-recovery/account-recovery.errors';

export { GracefulShutdown, type GracefulShutdownOptions } from './shutdown/graceful-shutdown';
export { GracefulShutdownModule } from './shutdown/graceful-shutdown.module';
export { enableGracefulShutdown } from './shutdown/enable-graceful-shutdown';
export { HttpDrain, type DrainResult, type DrainTiming } from './shutdown/http-drain';

export { configureAuthApp } from './http/configure-auth-app';
export type { ConfigureAuthAppOptions } from './http/configure-auth-app.options';
export type { RouteEntry } from './http/route-table';
export { JSON_BODY_LIMIT_BYTES, readJsonBody } from './http/json-body';

export { OidcModule } from './oidc/oidc.module';
export type { OidcModuleOptions } from './oidc/oidc.options';
export {
  ExternalIdentityStore,
  type ExternalIdentity,
  type LinkOutcome,
} from './oidc/stores/external-identity-store';
export { MemoryExternalIdentityStore } from './oidc/stores/memory-external-identity-store';
export {
  OidcLoginStateStore,
  type OidcLoginStateKind,
  type OidcLoginStateRecord,
} from './oidc/stores/oidc-login-state-store';
export { MemoryOidcLoginStateStore } from './oidc/stores/memory-oidc-login-state-store';
export { OidcClients } from './oidc/oidc-clients';
export {
  OidcLoginRefusedError,
  OidcProviderNotFoundError,
  OidcProviderUnavailableError,
  LastSignInMethodError,
  type OidcRefusal,
} from './oidc/oidc.errors';
export {
  ExternalLoginSucceededEvent,
  ExternalLoginFailedEvent,
  ExternalIdentityLinkedEvent,
  ExternalIdentityUnlinkedEvent,
} from './oidc/oidc-events';
export type { OidcProviderSettings, OidcSettings } from './settings/oidc-settings';
