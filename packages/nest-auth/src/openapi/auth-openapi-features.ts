/**
 * Which parts of the module the document lists. A part that is off answers 404 (or has no
 * routes), so its routes are left out. AuthModule's parts default to on, as their settings do;
 * OidcModule and PasskeysModule default to off, as a host mounts them by choice.
 */
export interface AuthOpenApiFeatures {
  /** `api_keys.enabled`. @default true */
  apiKeys?: boolean;
  /** `mfa.enabled`. @default true */
  mfa?: boolean;
  /** `password_reset.enabled`. @default true */
  passwordReset?: boolean;
  /** `email_verification.enabled`. @default true */
  emailVerification?: boolean;
  /** The host imports `OidcModule`. @default false */
  oidc?: boolean;
  /** The host imports `PasskeysModule` and `passkeys.enabled`. @default false */
  passkeys?: boolean;
}

type Switch = { readonly enabled: boolean };
/** The part of the settings (`AuthConfig`) that switches features on. */
export interface AuthFeatureSettings {
  apiKeys: Switch;
  mfa: Switch;
  passwordReset: Switch;
  emailVerification: Switch;
  passkeys: Switch;
}

/**
 * The features of a running module, from its effective settings (`app.get(AuthConfig)`) and the
 * feature modules the host imports.
 */
export function authOpenApiFeatures(
  settings: AuthFeatureSettings,
  mounted: { oidc?: boolean; passkeys?: boolean } = {},
): Required<AuthOpenApiFeatures> {
  return {
    apiKeys: settings.apiKeys.enabled,
    mfa: settings.mfa.enabled,
    passwordReset: settings.passwordReset.enabled,
    emailVerification: settings.emailVerification.enabled,
    oidc: mounted.oidc ?? false,
    passkeys: (mounted.passkeys ?? false) && settings.passkeys.enabled,
  };
}

const DEFAULTS: Required<AuthOpenApiFeatures> = {
  apiKeys: true,
  mfa: true,
  passwordReset: true,
  emailVerification: true,
  oidc: false,
  passkeys: false,
};

/** The given features over the defaults. */
export const withDefaultFeatures = (
  features: AuthOpenApiFeatures = {},
): Required<AuthOpenApiFeatures> => ({ ...DEFAULTS, ...features });
