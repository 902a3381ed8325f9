import type { z } from 'zod';
import type { authSettingsSchema } from './auth-settings.schema';

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

/** A parsed rate limit (`login_rate_limit: "5/minute"`). */
export interface RateLimit {
  limit: number;
  ttlSeconds: number;
  /** The text it was parsed from, for messages. */
  text: string;
}

export const PASSKEY_USER_VERIFICATION = ['required', 'preferred', 'discouraged'] as const;
export type PasskeyUserVerification = (typeof PASSKEY_USER_VERIFICATION)[number];

// The settings types are what the schema parses to; each key's meaning is its `.describe()` there.
/** The effective, validated auth configuration. */
export type AuthSettings = z.output<typeof authSettingsSchema>;
export type TokenSettings = AuthSettings['token'];
/** A public key that signed tokens before the current one (`token.previous_keys[]`). */
export type PreviousKeySettings = TokenSettings['previousKeys'][number];
export type PasswordSettings = AuthSettings['password'];
/** A role of `roles`: the permissions it grants and the roles it inherits. */
export type RoleSettings = AuthSettings['roles'][string];
/** A one-time-link flow (password reset, email verification). */
export type OneTimeLinkSettings = AuthSettings['passwordReset'];
export type MailSettings = AuthSettings['mail'];
export type MfaSettings = AuthSettings['mfa'];
export type ApiKeySettings = AuthSettings['apiKeys'];
export type PasskeySettings = AuthSettings['passkeys'];
