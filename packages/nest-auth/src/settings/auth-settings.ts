import { processMaxConcurrentHashes } from './default-hash-concurrency';
import type { OidcSettings } from './oidc-settings';

export const AUTH_ENVIRONMENTS = ['development', 'test', 'staging', 'production'] as const;
export type AuthEnvironment = (typeof AUTH_ENVIRONMENTS)[number];

// `Ed25519` is RFC 9864's fully specified name for what `EdDSA` (now deprecated) names with an
// Ed25519 key; `EdDSA` stays for existing configurations.
export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'ES256',
  'EdDSA',
  'Ed25519',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export const STORE_KINDS = ['memory', 'database', 'redis'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export const PASSWORD_ALGORITHMS = ['bcrypt', 'argon2id'] as const;
export type PasswordAlgorithm = (typeof PASSWORD_ALGORITHMS)[number];

/**
 * The secret a fresh checkout runs with. Staging and production refuse to boot with it, so it can
 * never sign a real token.
 */
export const DEFAULT_SECRET_KEY = 'lexigram-dev-secret-change-me-not-for-production-use';

/** A parsed `login_rate_limit` ("5/minute"). */
export interface RateLimit {
  limit: number;
  ttlSeconds: number;
  /** The text it was parsed from, for messages. */
  text: string;
}

/** A public key that signed tokens before the current one (`token.previous_keys[]`). */
export interface PreviousKeySettings {
  /** PEM text or a file path. */
  publicKey: string;
  /** When it stopped signing; its tokens verify until `keyRotationGraceSeconds` after this. */
  retiredAt: Date;
}

export interface TokenSettings {
  secretKey: string;
  algorithm: JwtAlgorithm;
  privateKey: string | null;
  publicKey: string | null;
  /** A key published and accepted before it signs, for rolling restarts. */
  nextPublicKey: string | null;
  previousKeys: PreviousKeySettings[];
  keyRotationGraceSeconds: number;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  issuer: string;
  audience: string | null;
  requiredAudience: string | null;
  leewaySeconds: number;
}

export interface PasswordSettings {
  algorithm: PasswordAlgorithm;
  rounds: number;
  argon2MemoryKib: number;
  argon2Iterations: number;
  argon2Parallelism: number;
  /**
   * Hashes and verifications run at once; 0: as many as libuv's pool has threads.
   * Default: cores - 1 and pool threads - 1, at least 1 (`defaultMaxConcurrentHashes`).
   */
  maxConcurrentHashes: number;
  minLength: number;
  maxLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireDigits: boolean;
  requireSpecial: boolean;
  bannedPatterns: string[];
}

/** The built-in password settings: NIST SP 800-63B length rules, no composition rules. */
export const DEFAULT_PASSWORD_SETTINGS: Readonly<PasswordSettings> = Object.freeze({
  algorithm: 'bcrypt',
  rounds: 12,
  // OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
  argon2MemoryKib: 19456,
  argon2Iterations: 2,
  argon2Parallelism: 1,
  maxConcurrentHashes: processMaxConcurrentHashes(),
  minLength: 12,
  maxLength: 128,
  requireUppercase: false,
  requireLowercase: false,
  requireDigits: false,
  requireSpecial: false,
  bannedPatterns: [],
});

/** A role of `roles`: the permissions it grants (`resource.action`, `*` wildcards) and the roles it inherits. */
export interface RoleSettings {
  permissions: string[];
  inherits: string[];
}

/** A one-time-link flow (password reset, email verification). */
export interface OneTimeLinkSettings {
  enabled: boolean;
  /** How long a link's token stays valid. */
  ttlSeconds: number;
}

/** Outgoing mail for reset and verification links. */
export interface MailSettings {
  /** `From:` header of every message. */
  from: string;
  /** Links in messages start with this URL (the host's front end). */
  linkBaseUrl: string;
  /** SMTP server (env `SMTP_URL`); null uses the development outbox, which logs the message. May hold a password, so it is never logged. */
  smtpUrl: string | null;
  /** Requests per client to the routes that send mail (forgot password, resend verification). */
  rateLimit: RateLimit;
}

export interface MfaSettings {
  enabled: boolean;
  /** The name authenticator apps show beside the account (`issuer` of the otpauth URI). */
  issuer: string;
  /** How long the challenge token of a login awaiting its second factor is valid. */
  challengeTtlSeconds: number;
}

export interface ApiKeySettings {
  enabled: boolean;
  /** Live API keys one user may hold. */
  maxPerUser: number;
}

export const PASSKEY_USER_VERIFICATION = ['required', 'preferred', 'discouraged'] as const;
export type PasskeyUserVerification = (typeof PASSKEY_USER_VERIFICATION)[number];

/** Passkeys (WebAuthn); they take effect where the host mounts `PasskeysModule`. */
export interface PasskeySettings {
  enabled: boolean;
  /**
   * The WebAuthn relying party id: the site's registrable domain (`example.com`). Null: `localhost`
   * in development and test; staging and production have no default.
   */
  rpId: string | null;
  /** The name authenticators show beside the account. */
  rpName: string;
  /**
   * Origins a ceremony may come from (`https://app.example.com`), on `rpId`'s domain. Empty:
   * `http://localhost:3000` in development and test; staging and production have no default.
   */
  origins: string[];
  /** Whether the authenticator must verify the person (PIN, biometrics). */
  userVerification: PasskeyUserVerification;
  /** How long a registration or sign-in challenge stays valid. */
  challengeTtlSeconds: number;
  /** A passkey alone signs a user in (usernameless). */
  asFirstFactor: boolean;
  /** A passkey completes the MFA step of a password login. */
  asSecondFactor: boolean;
  /** Passkeys one user may register. */
  maxPerUser: number;
}

/** The effective, validated auth configuration. */
export interface AuthSettings {
  environment: AuthEnvironment;
  secretKey: string;
  token: TokenSettings;
  maxFailedAttempts: number;
  lockoutDurationSeconds: number;
  loginRateLimit: RateLimit;
  password: PasswordSettings;
  store: StoreKind;
  /** Redis for `store: 'redis'` (env `REDIS_URL`); may hold a password, so it is never logged. */
  redisUrl: string | null;
  /** Live sessions per user; a login beyond it ends the least recently used. 0: unlimited. */
  maxSessionsPerUser: number;
  /** Role name → what it grants (YAML `auth.roles`). */
  roles: Record<string, RoleSettings>;
  /** Roles a new account gets at registration; the request can never choose them. */
  defaultRoles: string[];
  /** Login refuses accounts whose email is not verified (403 EmailNotVerifiedError). */
  requireVerifiedEmail: boolean;
  emailVerification: OneTimeLinkSettings;
  passwordReset: OneTimeLinkSettings;
  mail: MailSettings;
  mfa: MfaSettings;
  apiKeys: ApiKeySettings;
  /** Sign-in through external providers; used by OidcModule when the host imports it. */
  oidc: OidcSettings;
  passkeys: PasskeySettings;
}
