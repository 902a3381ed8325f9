import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { Clock } from './common/clock';
import type { AuthenticatorProtocol } from './authenticator/authenticator.protocol';
import type {
  AuthEnvironment,
  JwtAlgorithm,
  PasswordAlgorithm,
  StoreKind,
} from './settings/auth-settings';
import type { OidcAccountCreation, OidcClientAuth } from './settings/oidc-settings';
import type { LoginAttemptTracker } from './login-attempt-tracker/login-attempt-tracker';
import type { PasswordHasher } from './passwords/password-hasher';
import type { SessionStore } from './sessions/session-store';
import type { ApiKeyStore } from './api-keys/api-key-store';
import type { PasskeyStore } from './passkeys/passkey-store';
import type { MfaStore } from './mfa/mfa.store';
import type { Mailer } from './mail/mailer';
import type { OneTimeTokenStore } from './one-time-tokens/one-time-token-store';
import type { TokenBlacklist } from './token-blacklist/token-blacklist';
import type { UserStore } from './user-store/user-store';

/** Token settings; YAML `auth.token.*`, env `LEX_AUTH__TOKEN__*`. */
export interface TokenOptions {
  /** HMAC secret for HS* algorithms. @default the top-level `secretKey` */
  secretKey?: string;
  /**
   * The algorithm tokens are signed with, and the only one accepted when verifying. For Ed25519
   * keys prefer `Ed25519` (RFC 9864); the deprecated `EdDSA` still works, and each accepts
   * tokens minted under the other name.
   * @default 'HS256'
   */
  algorithm?: JwtAlgorithm;
  /**
   * The current signing key: PEM text (PKCS#8) or a file path; required for RS256/ES256/Ed25519/EdDSA.
   * Must match `publicKey`; an RSA key needs at least 2048 bits in staging/production.
   * @default null
   */
  privateKey?: string | null;
  /** The current key's public half: PEM text (SPKI) or a file path. @default null */
  publicKey?: string | null;
  /**
   * The key that will sign next, published in the JWKS and accepted before it signs, so a rolling
   * restart never meets an instance that does not know it. PEM text or a file path.
   * @default null
   */
  nextPublicKey?: string | null;
  /**
   * Keys that signed before the current one. Tokens they signed verify, and they stay in the
   * JWKS, until `keyRotationGraceSeconds` after `retiredAt`. Env: a JSON array of
   * `{"public_key", "retired_at"}`.
   * @default []
   */
  previousKeys?: { publicKey: string; retiredAt: string | Date }[];
  /** How long a retired key still verifies tokens and stays published. @default 3600 */
  keyRotationGraceSeconds?: number;
  /** Access-token lifetime. @default 1800 */
  accessTtlSeconds?: number;
  /** Refresh-token lifetime; each rotation starts a new one. @default 604800 */
  refreshTtlSeconds?: number;
  /** Minted as `iss` and required on every token. @default 'lexigram-auth' */
  issuer?: string;
  /** Minted as `aud` in every token (RFC 9068 requires one). @default null: the `issuer` */
  audience?: string | null;
  /** When set, tokens whose `aud` does not contain it are refused. @default null */
  requiredAudience?: string | null;
  /** Clock skew tolerated on `exp`, in seconds (0–300). @default 0 */
  leewaySeconds?: number;
}

/** Password hashing and policy; YAML `auth.password.*`, env `LEX_AUTH__PASSWORD__*`. */
export interface PasswordOptions {
  /** Hash for new passwords; stored hashes of other algorithms still verify. @default 'bcrypt' */
  algorithm?: PasswordAlgorithm;
  /** bcrypt cost (4–31); each step doubles the work. @default 12 */
  rounds?: number;
  /** argon2id memory per hash in KiB (1024–4194304); OWASP's minimum. @default 19456 (19 MiB) */
  argon2MemoryKib?: number;
  /** argon2id passes over the memory (1–100). @default 2 */
  argon2Iterations?: number;
  /** argon2id lanes (1–64). @default 1 */
  argon2Parallelism?: number;
  /**
   * Password hashes and verifications run at once (0–1024); 0 leaves it to libuv's thread pool
   * (`UV_THREADPOOL_SIZE`, 4). Fewer keeps CPU for the event loop during a login storm, so
   * authenticated requests stay fast, at the cost of logins per second; the default keeps one
   * core and one pool thread free. A dedicated login service may raise it (and the pool).
   * @default max(1, min(os.availableParallelism() - 1, UV_THREADPOOL_SIZE - 1)): 1 on 2 cores
   */
  maxConcurrentHashes?: number;
  /** Minimum length in characters (Unicode code points). @default 12 */
  minLength?: number;
  /** Maximum length in characters; bcrypt also refuses more than 72 UTF-8 bytes. @default 128 */
  maxLength?: number;
  /** @default false (NIST SP 800-63B: no composition rules by default) */
  requireUppercase?: boolean;
  /** @default false */
  requireLowercase?: boolean;
  /** @default false */
  requireDigits?: boolean;
  /** @default false */
  requireSpecial?: boolean;
  /** Case-insensitive regular expressions a password must not match. Common passwords are always refused. @default [] */
  bannedPatterns?: string[];
}

/** A role: what it grants and whom it inherits from; YAML `auth.roles.<name>`. */
export interface RoleOptions {
  /** `resource.action` patterns: `*` alone matches all, a last `*` one or more segments (`posts.*`), another `*` one segment (`*.read`). @default [] */
  permissions?: string[];
  /** Roles whose permissions this one also grants. @default [] */
  inherits?: string[];
}

/** Password reset or email verification links. */
export interface OneTimeLinkOptions {
  /** @default true */
  enabled?: boolean;
  /** How long a link works: 60 s – 1 day for a reset, up to 30 days for verification. @default 3600 (reset), 86400 (verification) */
  ttlSeconds?: number;
}

/** Outgoing mail; YAML `auth.mail.*`, env `LEX_AUTH__MAIL__*`. */
export interface MailOptions {
  /** @default 'Lexigram Auth <no-reply@localhost>' */
  from?: string;
  /** Links in messages start here: `${linkBaseUrl}/reset-password?token=…`. @default 'http://localhost:3000' */
  linkBaseUrl?: string;
  /**
   * `smtp://user:pass@host:587` or `smtps://…` (env `SMTP_URL`). Unset, messages go to the
   * development outbox (the log), which staging and production refuse. @default null
   */
  smtpUrl?: string | null;
  /** Requests per client to routes that send mail: "N/second|minute|hour|day". @default '5/hour' */
  rateLimit?: string;
}

/** TOTP second factor; YAML `auth.mfa.*`, env `LEX_AUTH__MFA__*`. */
export interface MfaOptions {
  /** @default true */
  enabled?: boolean;
  /** Shown by authenticator apps beside the account. @default 'Lexigram' */
  issuer?: string;
  /** Lifetime of the challenge a login gets when it needs a code (30–3600). @default 300 */
  challengeTtlSeconds?: number;
}

/** API keys; YAML `auth.api_keys.*`, env `LEX_AUTH__API_KEYS__*`. */
export interface ApiKeyOptions {
  /** @default true */
  enabled?: boolean;
  /** Live keys per user. @default 20 */
  maxPerUser?: number;
}

/** One provider of `oidc.providers`; YAML keys in snake_case. See docs/guides/oidc.md. */
export interface OidcProviderOptions {
  /** Part of the routes: lowercase letters, digits, dashes. */
  id: string;
  /** Shown on the "Sign in with …" button. */
  displayName: string;
  /** OpenID Connect issuer (discovery). Either this or the three endpoints. @default null */
  issuer?: string | null;
  /** Plain OAuth 2.0: the authorization endpoint. @default null */
  authorizationEndpoint?: string | null;
  /** Plain OAuth 2.0: the token endpoint. @default null */
  tokenEndpoint?: string | null;
  /** Plain OAuth 2.0: where the profile is read (with the access token). @default null */
  userinfoEndpoint?: string | null;
  clientId: string;
  /** Needed by `client_secret_basic` and `client_secret_post`. @default null */
  clientSecret?: string | null;
  /** Token-endpoint authentication. @default 'client_secret_basic' */
  clientAuth?: OidcClientAuth;
  /** `private_key_jwt`: PKCS#8 PEM text or file path. @default null */
  privateKey?: string | null;
  /** `private_key_jwt`: the key's `kid`, when the provider wants one. @default null */
  privateKeyId?: string | null;
  /** @default ['openid', 'email', 'profile'] */
  scopes?: string[];
  /** Claim names of subject, email and email_verified (null: never verified). @default {subject: 'sub', email: 'email', emailVerified: 'email_verified'} */
  claims?: { subject?: string; email?: string; emailVerified?: string | null };
  /** Overrides `oidc.accountCreation` for this provider. @default null */
  accountCreation?: OidcAccountCreation | null;
}

/** External sign-in (OidcModule); YAML `auth.oidc.*`, env `LEX_AUTH__OIDC__*`. */
export interface OidcOptions {
  /** Env `LEX_AUTH__OIDC__PROVIDERS`: a JSON array. @default [] */
  providers?: OidcProviderOptions[];
  /** Public base URL of this API; callbacks are `{base}/auth/oidc/{id}/callback`. @default 'http://localhost:3000' */
  redirectBaseUrl?: string;
  /** The front-end page that receives `?login_code=` after a sign-in. @default 'http://localhost:3000/' */
  postLoginUrl?: string;
  /** `allowed`, `verified_email_only` or `never`. @default 'verified_email_only' */
  accountCreation?: OidcAccountCreation;
  /** A first sign-in with a provider-verified email joins the account of that email. @default false */
  linkByVerifiedEmail?: boolean;
  /** Lifetime of a started sign-in (30–3600). @default 600 */
  stateTtlSeconds?: number;
  /** Lifetime of the login code (5–600). @default 60 */
  loginCodeTtlSeconds?: number;
  /** Discovery request timeout (1–60). @default 5 */
  discoveryTimeoutSeconds?: number;
}

/**
 * Passkeys (WebAuthn); YAML `auth.passkeys.*`, env `LEX_AUTH__PASSKEYS__*`. They take effect where
 * the host imports `PasskeysModule`; staging and production refuse `localhost`, an IP or a
 * plain-http origin while `enabled`, and `PasskeysModule` refuses to boot there without them.
 */
export interface PasskeyOptions {
  /** Off, the routes of `PasskeysModule` answer 404. @default true */
  enabled?: boolean;
  /**
   * Relying party id: the site's registrable domain, e.g. `example.com`.
   * @default 'localhost' in development and test; none in staging and production (required there)
   */
  rpId?: string | null;
  /** Shown by authenticators beside the account. @default 'Lexigram' */
  rpName?: string;
  /**
   * Origins ceremonies may come from, each on `rpId`'s domain.
   * @default ['http://localhost:3000'] in development and test; none in staging and production
   */
  origins?: string[];
  /** `required` (PIN or biometrics every time), `preferred` or `discouraged`. @default 'required' */
  userVerification?: 'required' | 'preferred' | 'discouraged';
  /** Lifetime of a registration or sign-in challenge (30–3600). @default 300 */
  challengeTtlSeconds?: number;
  /** A passkey alone signs a user in (usernameless). @default true */
  asFirstFactor?: boolean;
  /** A passkey completes the MFA step after a password. @default true */
  asSecondFactor?: boolean;
  /** Passkeys per user (1–100). @default 10 */
  maxPerUser?: number;
}

/** The settings of the auth module, each overridable by YAML and then by the environment. */
export interface AuthSettingsOptions {
  /** `development`, `test`, `staging` or `production`. @default LEX_ENV, else NODE_ENV, else 'development' */
  environment?: AuthEnvironment;
  /** Shared secret; `token.secretKey` falls back to it. @default a development placeholder, refused in staging/production */
  secretKey?: string;
  token?: TokenOptions;
  /** Failed logins allowed per identifier within the lockout window. @default 5 */
  maxFailedAttempts?: number;
  /** How long the window runs and a lock lasts. @default 300 */
  lockoutDurationSeconds?: number;
  /** Login requests per client: "N/second|minute|hour|day". @default '5/minute' */
  loginRateLimit?: string;
  password?: PasswordOptions;
  /** Backend of the attempt tracker, token blacklist and (redis) login rate limit. @default 'database' */
  store?: StoreKind;
  /** Redis URL for `store: 'redis'` when no `redis` client is given (env `REDIS_URL`). @default null */
  redisUrl?: string | null;
  /** Live sessions per user; a login beyond it ends the least recently used one. 0: unlimited. @default 0 */
  maxSessionsPerUser?: number;
  /** Role name → permissions and inherited roles (YAML `auth.roles`, env JSON). @default {} */
  roles?: Record<string, RoleOptions>;
  /** Roles every new account gets; registration never takes roles from the request. @default [] */
  defaultRoles?: string[];
  /** Login answers 403 EmailNotVerifiedError until the email is verified. @default false */
  requireVerifiedEmail?: boolean;
  emailVerification?: OneTimeLinkOptions;
  passwordReset?: OneTimeLinkOptions;
  mail?: MailOptions;
  mfa?: MfaOptions;
  apiKeys?: ApiKeyOptions;
  oidc?: OidcOptions;
  passkeys?: PasskeyOptions;
}

/** What `AuthModule.forRoot` takes, and what a `forRootAsync` factory returns. */
export interface AuthModuleOptions extends AuthSettingsOptions {
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
  /** Environment to read `LEX_AUTH__*` and `LEX_ENV` from. @default process.env */
  env?: Record<string, string | undefined>;
  /** YAML file with an `auth:` section; `false` reads none. @default LEX_CONFIG_FILE, else ./config.yaml when present */
  configFile?: string | false;
}
