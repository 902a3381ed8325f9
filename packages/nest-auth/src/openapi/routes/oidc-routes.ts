import {
  type AuthRouteDoc,
  BAD_REQUEST,
  E,
  LOGIN_THROTTLED,
  UNAUTHORIZED,
  UNAVAILABLE,
} from '../auth-route-doc';

const NO_PROVIDER = ['OidcProviderNotFoundError: no such provider', E] as const;
const DISCOVERY_FAILED = ['OidcProviderUnavailableError: discovery failed', E] as const;

/** OidcModule's OidcController and IdentitiesController, when the host mounts it. */
export const OIDC_ROUTES: AuthRouteDoc[] = [
  {
    method: 'get',
    path: 'oidc/providers',
    feature: 'oidc',
    tag: 'oidc',
    summary: 'The configured sign-in providers, for "Sign in with …" buttons',
    responses: { 200: ['the providers', 'OidcProviderList'] },
  },
  {
    method: 'get',
    path: 'oidc/{provider}/authorize',
    feature: 'oidc',
    tag: 'oidc',
    summary:
      'Start a sign-in: 302 to the provider (PKCE S256, state, nonce) and an HttpOnly state cookie',
    query: { redirect: 'a path of this site to return to after the sign-in' },
    responses: {
      302: ['to the provider', null],
      404: NO_PROVIDER,
      502: DISCOVERY_FAILED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'get',
    path: 'oidc/{provider}/callback',
    feature: 'oidc',
    tag: 'oidc',
    summary:
      'The provider returns here; 302 to the post-login page with login_code, oidc_linked or oidc_error (never tokens)',
    responses: {
      302: ['to oidc.post_login_url (or the redirect path given at the start)', null],
      404: NO_PROVIDER,
      429: LOGIN_THROTTLED,
      502: DISCOVERY_FAILED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'oidc/token',
    feature: 'oidc',
    tag: 'oidc',
    summary: 'Exchange a one-time login code for a token pair (as after a password login)',
    body: 'OidcTokenRequest',
    responses: {
      200: ['a token pair (Cache-Control: no-store)', 'TokenPair'],
      400: [
        'OidcLoginRefusedError invalid_login_code: unknown, expired or used; or a malformed body',
        E,
      ],
      401: ['MfaRequiredError: answer mfaChallenge with a second factor', E],
      403: ['EmailNotVerifiedError: require_verified_email is on', E],
      423: ['AccountLockedError: the account is locked; Retry-After', E],
      429: LOGIN_THROTTLED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'oidc/{provider}/link',
    feature: 'oidc',
    tag: 'oidc',
    summary: 'Start linking a provider to your account: the authorization URL to navigate to',
    body: 'OidcLinkRequest',
    bearer: true,
    responses: {
      200: ['the URL; a state cookie is set', 'OidcAuthorizationUrl'],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      404: NO_PROVIDER,
      502: DISCOVERY_FAILED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'get',
    path: 'identities',
    feature: 'oidc',
    tag: 'oidc',
    summary: 'Your linked external identities',
    bearer: true,
    responses: {
      200: ['the identities', 'ExternalIdentityList'],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'delete',
    path: 'identities/{id}',
    feature: 'oidc',
    tag: 'oidc',
    summary: 'Unlink an identity; refused when it is the last way to sign in',
    bearer: true,
    responses: {
      204: ['unlinked', null],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      404: ['AuthResourceNotFoundError: unknown or not yours', E],
      409: ['LastSignInMethodError: no password and no other identity', E],
      503: UNAVAILABLE,
    },
  },
];
