import { PAGES_ROUTE_DOCS } from './pages-route-docs';
import { PASSKEY_ROUTE_DOCS } from './passkey-route-docs';

/** What the document says of one route; the routes themselves come from Nest's scan. */
export interface RouteDoc {
  tag: string;
  summary: string;
  /** `components.schemas` name of the JSON body. */
  body?: string;
  bearer?: boolean;
  /** Also takes an API key (`X-API-Key`, or `Authorization: ApiKey <key>`). */
  apiKey?: boolean;
  /** status → [description, response schema name or null for no body]. */
  responses: Record<number, [string, string | null]>;
}

const E = 'ErrorBody';
const BAD_REQUEST: [string, string] = ['malformed JSON, missing, mistyped or unknown fields', E];
const UNAUTHORIZED: [string, string] = [
  'missing, invalid, expired, revoked or wrong-audience token (WWW-Authenticate: Bearer)',
  E,
];
const USER_TOKEN_ONLY: [string, string] = [
  'InsufficientPermissionsError: an API key; this route takes a signed-in user',
  E,
];
const UNAVAILABLE: [string, string] = [
  'a store (tracker, blacklist, users) did not answer; Retry-After',
  E,
];

const MFA_OFF: [string, string] = ['FeatureDisabledError: mfa.enabled is false', E];
const MFA_API_KEY: [string, string] = ['InsufficientPermissionsError: sent an API key', E];

const MAIL_LIMITED =
  'AccountRecoveryRateLimitError: more than mail.rate_limit requests from this client to the routes that send mail; Retry-After';
const LINK_LIMITED =
  'AccountRecoveryRateLimitError: more than login_rate_limit requests from this client to the routes that take a link token; Retry-After';
const LINK_REFUSED =
  'InvalidOneTimeTokenError: unknown, tampered, expired or already used token (one body for all); or a malformed body';

/** Keyed `METHOD /path`, as Nest registers the routes. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /auth/oidc/providers': {
    tag: 'oidc',
    summary: 'The configured sign-in providers, for "Sign in with …" buttons',
    responses: { 200: ['the providers', 'OidcProviderList'] },
  },
  'GET /auth/oidc/{provider}/authorize': {
    tag: 'oidc',
    summary:
      'Start a sign-in: 302 to the provider (PKCE S256, state, nonce) and an HttpOnly state cookie; ?redirect= a path to return to',
    responses: {
      302: ['to the provider', null],
      404: ['OidcProviderNotFoundError: no such provider', E],
      502: ['OidcProviderUnavailableError: discovery failed', E],
      503: UNAVAILABLE,
    },
  },
  'GET /auth/oidc/{provider}/callback': {
    tag: 'oidc',
    summary:
      'The provider returns here; 302 to the post-login page with login_code, oidc_linked or oidc_error (never tokens)',
    responses: {
      302: ['to oidc.post_login_url (or the redirect path given at the start)', null],
      404: ['OidcProviderNotFoundError: no such provider', E],
      429: ['LoginRateLimitError: more than login_rate_limit requests; Retry-After', E],
      502: ['OidcProviderUnavailableError: discovery failed', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/oidc/token': {
    tag: 'oidc',
    summary: 'Exchange a one-time login code for a token pair (as after a password login)',
    body: 'OidcTokenRequest',
    responses: {
      200: ['a token pair (Cache-Control: no-store)', 'TokenPair'],
      400: [
        'OidcLoginRefusedError invalid_login_code: unknown, expired or used; or a malformed body',
        E,
      ],
      401: ['MfaRequiredError: send mfaChallenge and a code to POST /auth/mfa/verify', E],
      403: ['EmailNotVerifiedError: require_verified_email is on', E],
      423: ['AccountLockedError: the account is locked; Retry-After', E],
      429: ['LoginRateLimitError: more than login_rate_limit requests; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/oidc/{provider}/link': {
    tag: 'oidc',
    summary: 'Start linking a provider to your account: the authorization URL to navigate to',
    body: 'OidcLinkRequest',
    bearer: true,
    responses: {
      200: ['the URL; a state cookie is set', 'OidcAuthorizationUrl'],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      404: ['OidcProviderNotFoundError: no such provider', E],
      502: ['OidcProviderUnavailableError: discovery failed', E],
      503: UNAVAILABLE,
    },
  },
  'GET /auth/identities': {
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
  'DELETE /auth/identities/{id}': {
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
  'POST /auth/register': {
    tag: 'auth',
    summary: 'Create an account',
    body: 'RegisterRequest',
    responses: {
      201: ['created', 'UserView'],
      400: BAD_REQUEST,
      409: ['UserAlreadyExistsError: the email is taken', E],
      422: ['PasswordPolicyError: violations lists every broken rule', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/login': {
    tag: 'auth',
    summary: 'Log in: start a session and get a token pair',
    body: 'LoginRequest',
    responses: {
      200: ['a token pair', 'TokenPair'],
      400: BAD_REQUEST,
      401: [
        'InvalidCredentialsError: wrong password or unknown user (same body); or MfaRequiredError: ' +
          'the password is right and TOTP is on, so send mfaChallenge and a code to POST /auth/mfa/verify',
        E,
      ],
      423: ['AccountLockedError: too many failures; Retry-After', E],
      429: [
        'LoginRateLimitError: too many login requests from this client; or ' +
          'LoginAttemptsBusyError: every attempt this account has left is being checked by ' +
          'parallel logins; Retry-After',
        E,
      ],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/refresh': {
    tag: 'auth',
    summary: 'Spend a refresh token for a new pair (reuse revokes the session)',
    body: 'RefreshRequest',
    responses: {
      200: ['a new token pair', 'TokenPair'],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      503: UNAVAILABLE,
    },
  },
  'POST /auth/logout': {
    tag: 'auth',
    summary: "End the caller's session (and another one's, given its refresh token)",
    body: 'LogoutRequest',
    bearer: true,
    responses: {
      204: ['revoked', null],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      403: USER_TOKEN_ONLY,
      503: UNAVAILABLE,
    },
  },
  'POST /auth/logout-all': {
    tag: 'auth',
    summary: 'Revoke every token of the user issued up to now',
    bearer: true,
    responses: {
      204: ['revoked', null],
      401: UNAUTHORIZED,
      403: USER_TOKEN_ONLY,
      503: UNAVAILABLE,
    },
  },
  'GET /auth/me': {
    tag: 'auth',
    summary: 'The authenticated user',
    bearer: true,
    apiKey: true,
    responses: { 200: ['the user', 'UserView'], 401: UNAUTHORIZED, 503: UNAVAILABLE },
  },
  'POST /auth/password': {
    tag: 'auth',
    summary: 'Change the password; every earlier token is revoked',
    body: 'ChangePasswordRequest',
    bearer: true,
    responses: {
      204: ['changed', null],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      403: USER_TOKEN_ONLY,
      422: ['PasswordPolicyError', E],
      423: ['AccountLockedError: too many wrong current passwords', E],
      503: UNAVAILABLE,
    },
  },
  'GET /auth/sessions': {
    tag: 'sessions',
    summary: "The caller's live sessions, most recently used first (current: true for this one)",
    bearer: true,
    responses: {
      200: ['the sessions (Cache-Control: no-store)', 'SessionList'],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: an API key cannot manage sessions', E],
      503: UNAVAILABLE,
    },
  },
  'DELETE /auth/sessions/{id}': {
    tag: 'sessions',
    summary: 'End one of your sessions and its tokens (the current one: a logout)',
    bearer: true,
    responses: {
      204: ['ended', null],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: an API key cannot manage sessions', E],
      404: ['AuthResourceNotFoundError: malformed, unknown, ended or not yours (same body)', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/api-keys': {
    tag: 'api-keys',
    summary: 'Create an API key; the key is in this answer only (Cache-Control: no-store)',
    body: 'CreateApiKeyRequest',
    bearer: true,
    responses: {
      201: ['the key and its metadata', 'CreatedApiKey'],
      400: ['malformed body, unknown fields, a bad scope, or an expiry in the past', E],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: a scope beyond your roles, or sent an API key', E],
      404: ['FeatureDisabledError: api_keys.enabled is false', E],
      409: ['AccountStateConflictError: api_keys.max_per_user live keys already', E],
      503: UNAVAILABLE,
    },
  },
  'GET /auth/api-keys': {
    tag: 'api-keys',
    summary: "The caller's API keys that are not revoked, without the keys",
    bearer: true,
    responses: {
      200: ['the keys', 'ApiKeyList'],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: called with an API key', E],
      404: ['FeatureDisabledError: api_keys.enabled is false', E],
      503: UNAVAILABLE,
    },
  },
  'DELETE /auth/api-keys/{id}': {
    tag: 'api-keys',
    summary: 'Revoke one of your API keys; it stops working at once',
    bearer: true,
    responses: {
      204: ['revoked', null],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: called with an API key', E],
      404: ['AuthResourceNotFoundError: malformed, unknown, revoked or not yours (same body)', E],
      503: UNAVAILABLE,
    },
  },
  'GET /auth/mfa': {
    tag: 'mfa',
    summary: 'Whether TOTP is on for the caller, and how many recovery codes are left',
    bearer: true,
    responses: {
      200: ['the MFA status', 'MfaStatus'],
      401: UNAUTHORIZED,
      403: MFA_API_KEY,
      404: MFA_OFF,
      503: UNAVAILABLE,
    },
  },
  'POST /auth/mfa/totp': {
    tag: 'mfa',
    summary: 'Start (or restart) a TOTP enrolment: a new secret and its otpauth URI',
    bearer: true,
    responses: {
      201: ['the secret, shown only here (Cache-Control: no-store)', 'TotpEnrolment'],
      401: UNAUTHORIZED,
      403: MFA_API_KEY,
      404: MFA_OFF,
      409: ['AccountStateConflictError: TOTP is already on', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/mfa/totp/confirm': {
    tag: 'mfa',
    summary:
      'Turn TOTP on with the password and a first code; every session ends; 10 recovery codes, shown once',
    body: 'MfaConfirmRequest',
    bearer: true,
    responses: {
      200: ['the recovery codes (Cache-Control: no-store)', 'RecoveryCodes'],
      400: BAD_REQUEST,
      401: ['InvalidCredentialsError or InvalidMfaCodeError; or a bad token', E],
      403: MFA_API_KEY,
      404: MFA_OFF,
      409: ['AccountStateConflictError: no enrolment pending, or TOTP already on', E],
      423: ['AccountLockedError: too many wrong passwords; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/mfa/totp/disable': {
    tag: 'mfa',
    summary: 'Turn TOTP off with the password and a TOTP or recovery code; every session ends',
    body: 'MfaDisableRequest',
    bearer: true,
    responses: {
      204: ['off', null],
      400: BAD_REQUEST,
      401: ['InvalidCredentialsError or InvalidMfaCodeError; or a bad token', E],
      403: MFA_API_KEY,
      404: MFA_OFF,
      409: ['AccountStateConflictError: TOTP is not on', E],
      423: ['AccountLockedError: too many wrong passwords or codes; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/mfa/recovery-codes': {
    tag: 'mfa',
    summary: 'New recovery codes for a TOTP or recovery code; the old ones stop working',
    body: 'MfaCodeRequest',
    bearer: true,
    responses: {
      200: ['the recovery codes (Cache-Control: no-store)', 'RecoveryCodes'],
      400: BAD_REQUEST,
      401: ['InvalidMfaCodeError: wrong or used code; or a bad token', E],
      403: MFA_API_KEY,
      404: MFA_OFF,
      409: ['AccountStateConflictError: TOTP is not on', E],
      423: ['AccountLockedError: too many wrong codes; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/mfa/verify': {
    tag: 'mfa',
    summary: 'Complete a login that answered MfaRequiredError: its mfaChallenge and a code',
    body: 'MfaVerifyRequest',
    responses: {
      200: ['a token pair (Cache-Control: no-store)', 'TokenPair'],
      400: BAD_REQUEST,
      401: [
        'InvalidMfaCodeError: wrong or used code, or the challenge is unknown, expired, ' +
          'spent or from another client',
        E,
      ],
      404: MFA_OFF,
      423: ['AccountLockedError: too many wrong codes; Retry-After', E],
      429: ['LoginRateLimitError: too many requests from this client; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'GET /.well-known/jwks.json': {
    tag: 'auth',
    summary: 'Public signing keys (RS256, ES256, EdDSA)',
    responses: {
      200: ['RFC 7517 key set', 'JsonWebKeySet'],
      404: ['HS* algorithms have no public key', E],
    },
  },
  'GET /health': {
    tag: 'health',
    summary: 'Readiness (same as /health/ready)',
    responses: { 200: ['ready', 'HealthResult'], 503: ['names the failing dependency', E] },
  },
  'GET /health/live': {
    tag: 'health',
    summary: 'Liveness: the process answers',
    responses: { 200: ['alive', 'HealthResult'] },
  },
  'GET /health/ready': {
    tag: 'health',
    summary: 'Readiness: database and Redis (when used) answer',
    responses: { 200: ['ready', 'HealthResult'], 503: ['names the failing dependency', E] },
  },
  'GET /whoami': {
    tag: 'example',
    summary: "The principal of the caller's token or API key (example host route)",
    bearer: true,
    apiKey: true,
    responses: { 200: ['the principal', null], 401: UNAUTHORIZED },
  },
  'GET /admin/users/{id}': {
    tag: 'example',
    summary: 'One account, for holders of the users.read permission (example host route)',
    bearer: true,
    apiKey: true,
    responses: {
      200: ['the account', 'AdminUserView'],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: names the missing permission or scope', E],
      404: ['AuthResourceNotFoundError: no user with this id', E],
      503: UNAVAILABLE,
    },
  },
  'GET /admin/roles': {
    tag: 'example',
    summary: 'The configured roles and what they grant, for admins (example host route)',
    bearer: true,
    responses: {
      200: ['every role with its permissions, inheritance expanded', 'RoleList'],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: the admin role is required; API keys are refused', E],
    },
  },
  'POST /auth/password/forgot': {
    tag: 'account recovery',
    summary:
      'Mail a password-reset link (valid password_reset.ttl_seconds, single use); the same 202 whether or not the account exists',
    body: 'ForgotPasswordRequest',
    responses: {
      202: ['queued if the account exists (same body either way)', 'MailQueued'],
      400: BAD_REQUEST,
      404: ['FeatureDisabledError: password_reset.enabled is false', E],
      429: [MAIL_LIMITED, E],
      503: ['the rate limiter store did not answer; Retry-After', E],
    },
  },
  'POST /auth/password/reset': {
    tag: 'account recovery',
    summary:
      "Set a new password with the link's token: every session of the user ends and the lockout clears",
    body: 'ResetPasswordRequest',
    responses: {
      204: ['the password is changed', null],
      400: [LINK_REFUSED, E],
      404: ['FeatureDisabledError: password_reset.enabled is false', E],
      422: ['PasswordPolicyError: violations lists every broken rule; the token stays usable', E],
      429: [LINK_LIMITED, E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/verify-email': {
    tag: 'account recovery',
    summary: "Mark the account's email verified with the token of the link sent at registration",
    body: 'VerifyEmailRequest',
    responses: {
      204: ['verified', null],
      400: [LINK_REFUSED, E],
      404: ['FeatureDisabledError: email_verification.enabled is false', E],
      429: [LINK_LIMITED, E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/verify-email/resend': {
    tag: 'account recovery',
    summary:
      'Mail a new verification link to an unverified account (earlier links stop working); the same 202 for any email',
    body: 'ResendVerificationRequest',
    responses: {
      202: ['queued if the account exists and is unverified (same body either way)', 'MailQueued'],
      400: BAD_REQUEST,
      404: ['FeatureDisabledError: email_verification.enabled is false', E],
      429: [MAIL_LIMITED, E],
      503: ['the rate limiter store did not answer; Retry-After', E],
    },
  },
  // The example host's pages (src/pages): their JSON session routes.
  ...PAGES_ROUTE_DOCS,
  ...PASSKEY_ROUTE_DOCS,
};
