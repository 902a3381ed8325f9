import type { z } from 'zod';
import type { authSettingsSchema } from './auth-settings.schema';

// The option types are what the schema accepts (`z.input`): every key optional where the schema
// has a default, camelCase like the schema. A key's meaning and default are its `.describe()` and
// `.prefault()` in the schema files, also listed in docs/reference/configuration.md.

/** The settings of the auth module, each overridable by YAML and then by the environment. */
export type AuthSettingsOptions = z.input<typeof authSettingsSchema>;
type Section<K extends keyof AuthSettingsOptions> = NonNullable<AuthSettingsOptions[K]>;

/** Token settings; YAML `auth.token.*`, env `LEX_AUTH__TOKEN__*`. */
export type TokenOptions = Section<'token'>;
/** Password hashing and policy; YAML `auth.password.*`, env `LEX_AUTH__PASSWORD__*`. */
export type PasswordOptions = Section<'password'>;
/** A role: what it grants and whom it inherits from; YAML `auth.roles.<name>`. */
export type RoleOptions = Section<'roles'>[string];
/** Password reset or email verification links. */
export type OneTimeLinkOptions = Section<'passwordReset'>;
/** Outgoing mail; YAML `auth.mail.*`, env `LEX_AUTH__MAIL__*`. */
export type MailOptions = Section<'mail'>;
/** TOTP second factor; YAML `auth.mfa.*`, env `LEX_AUTH__MFA__*`. */
export type MfaOptions = Section<'mfa'>;
/** API keys; YAML `auth.api_keys.*`, env `LEX_AUTH__API_KEYS__*`. */
export type ApiKeyOptions = Section<'apiKeys'>;
/** External sign-in (OidcModule); YAML `auth.oidc.*`, env `LEX_AUTH__OIDC__*`. */
export type OidcOptions = Section<'oidc'>;
/** One provider of `oidc.providers`; YAML keys in snake_case. See docs/guides/oidc.md. */
export type OidcProviderOptions = NonNullable<OidcOptions['providers']>[number];
/** Passkeys (WebAuthn); YAML `auth.passkeys.*`, env `LEX_AUTH__PASSKEYS__*`. */
export type PasskeyOptions = Section<'passkeys'>;

/** Where the settings are read from besides the options, and which layer wins. */
export interface ConfigSourceOptions {
  /** Environment to read `LEX_AUTH__*` and `LEX_ENV` from. @default process.env */
  env?: Record<string, string | undefined>;
  /** YAML file with an `auth:` section; `false` reads none. @default LEX_CONFIG_FILE, else ./config.yaml when present */
  configFile?: string | false;
  /**
   * Whether the YAML file and the environment may override the settings given here. `false`: the
   * options win, and YAML and the environment only supply what they leave unset
   * (defaults < YAML < environment < options).
   * @default true (defaults < options < YAML < environment)
   */
  allowEnvOverrides?: boolean;
}
