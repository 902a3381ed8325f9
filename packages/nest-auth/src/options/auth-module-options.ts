import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { AuthenticatorProtocol } from '../authenticator/authenticator.protocol';
import type { AuthSettingsOptions, ConfigSourceOptions } from '../settings/auth-settings-options';
import type { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import type { PasswordHasher } from '../passwords/password-hasher';
import type { SessionStore } from '../sessions/session-store';
import type { ApiKeyStore } from '../api-keys/api-key-store';
import type { PasskeyStore } from '../passkeys/passkey-store';
import type { MfaStore } from '../mfa/mfa.store';
import type { Mailer } from '../mail/mailer';
import type { OneTimeTokenStore } from '../one-time-tokens/one-time-token-store';
import type { TokenBlacklist } from '../token-blacklist/token-blacklist';
import type { UserStore } from '../user-store/user-store';

/**
 * What `AuthModule.forRoot` takes, and what a `forRootAsync` factory returns: the settings
 * (`AuthSettingsOptions`, derived from the settings schema), where else they are read from, and
 * the parts a host plugs in.
 */
export interface AuthModuleOptions extends AuthSettingsOptions, ConfigSourceOptions {
  /** Where users live. Required unless the host provides `UserStore` itself. */
  userStore?: UserStore;
  /** Replaces the tracker chosen by `store`. @default by `store` */
  loginAttemptTracker?: LoginAttemptTracker;
  /** Replaces the blacklist chosen by `store`. @default by `store` */
  tokenBlacklist?: TokenBlacklist;
  /**
   * Replaces the API key store chosen by `store` (memory for `'memory'`, else the database).
   * @default by `store`
   */
  apiKeyStore?: ApiKeyStore;
  /**
   * Replaces the session records chosen by `store` (memory for `'memory'`, else the database).
   * @default by `store`
   */
  sessionStore?: SessionStore;
  /**
   * Replaces the MFA store (TOTP enrolments, recovery codes, login challenges) chosen by `store`
   * (memory for `'memory'`, else the database). @default by `store`
   */
  mfaStore?: MfaStore;
  /**
   * Replaces the passkey store `PasskeysModule` would choose by `store` (memory for `'memory'`,
   * else the database); `PasskeysModule.forRoot({ passkeyStore })` takes precedence.
   * @default by `store`
   */
  passkeyStore?: PasskeyStore;
  /**
   * Replaces the store of password-reset and email-verification tokens.
   * @default memory for `store: 'memory'`, else the SQL database (needs `dataSource`)
   */
  oneTimeTokenStore?: OneTimeTokenStore;
  /**
   * Sends the reset and verification messages (an API-based provider, a queue). With it,
   * staging and production need no `SMTP_URL`.
   * @default SMTP when `mail.smtpUrl` is set, else the development outbox (logs the links)
   */
  mailer?: Mailer;
  /**
   * Replaces the hasher chosen by `password.algorithm`.
   * @default DelegatingPasswordHasher: hashes with the configured algorithm, verifies bcrypt and argon2
   */
  passwordHasher?: PasswordHasher;
  /** Replaces bearer-JWT authentication on every protected route. @default BearerJwtAuthenticator */
  authenticator?: AuthenticatorProtocol;
  /**
   * The TypeORM DataSource for `store: 'database'`; its entities and migrations must include
   * `AUTH_ENTITIES` and `AUTH_MIGRATIONS`. Type-only: a memory or Redis user never loads TypeORM.
   */
  dataSource?: DataSource;
  /**
   * Where the module's routes live: `/{basePath}/login`, `/{basePath}/sessions`, … (also those of
   * PasskeysModule; not the JWKS, which stays at `/.well-known/jwks.json`, nor OidcModule's).
   * Path segments of letters, digits, `-`, `_`, `.`; `''` for the root. @default 'auth'
   */
  basePath?: string;
  /**
   * An ioredis client for `store: 'redis'`, shared by the tracker, blacklist and rate limiter.
   * The host keeps ownership: the module never closes a client it was given. Type-only import.
   */
  redis?: Redis;
  /** Time source in epoch ms; tests move it instead of sleeping. @default Date.now */
  clock?: Clock;
}
