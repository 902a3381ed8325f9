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

/** Claim names read from the ID token or userinfo answer; GitHub, e.g., names the subject `id`. */
export interface OidcClaimMapping {
  subject: string;
  email: string;
  /** Null: the provider never vouches for the email (it counts as unverified). */
  emailVerified: string | null;
}

/** One identity provider of `oidc.providers`. */
export interface OidcProviderSettings {
  /** In the routes (`/auth/oidc/:id/…`): lowercase letters, digits and dashes. */
  id: string;
  displayName: string;
  /** OpenID Connect: the issuer, whose discovery document gives the endpoints. */
  issuer: string | null;
  /** Plain OAuth 2.0 (no discovery, no ID token): the three endpoints. */
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  userinfoEndpoint: string | null;
  clientId: string;
  clientSecret: string | null;
  clientAuth: OidcClientAuth;
  /** For `private_key_jwt`: a PKCS#8 PEM (text or file path) and its `kid`. */
  privateKey: string | null;
  privateKeyId: string | null;
  scopes: string[];
  claims: OidcClaimMapping;
  /** Overrides `oidc.account_creation` for this provider; null keeps it. */
  accountCreation: OidcAccountCreation | null;
}

export interface OidcSettings {
  providers: OidcProviderSettings[];
  /** The callback is `{redirectBaseUrl}/auth/oidc/{id}/callback`, registered at the provider. */
  redirectBaseUrl: string;
  /** Where the callback sends the browser with `?login_code=` (or `?oidc_error=`). */
  postLoginUrl: string;
  accountCreation: OidcAccountCreation;
  /** Link a first sign-in to the account of a provider-verified email. */
  linkByVerifiedEmail: boolean;
  /** Lifetime of a started sign-in (state, nonce, PKCE verifier). */
  stateTtlSeconds: number;
  /** Lifetime of the login code the callback hands to the front end. */
  loginCodeTtlSeconds: number;
  /** How long `doctor` and the first sign-in wait for a discovery document. */
  discoveryTimeoutSeconds: number;
}

export const DEFAULT_OIDC_CLAIMS: Readonly<OidcClaimMapping> = Object.freeze({
  subject: 'sub',
  email: 'email',
  emailVerified: 'email_verified',
});
