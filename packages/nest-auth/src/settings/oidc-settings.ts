import type { AuthSettings } from './auth-settings';

/** Who may get an account on a first sign-in through a provider (`oidc.account_creation`). */
export const OIDC_ACCOUNT_CREATION = ['allowed', 'verified_email_only', 'never'] as const;
export type OidcAccountCreation = (typeof OIDC_ACCOUNT_CREATION)[number];

/** How the client authenticates at the provider's token endpoint. */
export const OIDC_CLIENT_AUTH = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'none',
] as const;
export type OidcClientAuth = (typeof OIDC_CLIENT_AUTH)[number];

export type OidcSettings = AuthSettings['oidc'];
/** One identity provider of `oidc.providers`. */
export type OidcProviderSettings = OidcSettings['providers'][number];
/** Claim names read from the ID token or userinfo answer. */
export type OidcClaimMapping = OidcProviderSettings['claims'];
