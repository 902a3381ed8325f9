import type { RouteDoc } from './route-docs';

const E = 'ErrorBody';
const BAD_REQUEST: [string, string] = ['malformed JSON, missing, mistyped or unknown fields', E];
const UNAUTHORIZED: [string, string] = [
  'missing, invalid, expired, revoked or wrong-audience token (WWW-Authenticate: Bearer)',
  E,
];
const API_KEY: [string, string] = ['InsufficientPermissionsError: sent an API key', E];
const OFF: [string, string] = ['FeatureDisabledError: passkeys.enabled is false', E];
const UNAVAILABLE: [string, string] = ['a store did not answer; Retry-After', E];
const THROTTLED: [string, string] = [
  'LoginRateLimitError: more than login_rate_limit requests from this client; Retry-After',
  E,
];
const REFUSED: [string, string] = [
  'InvalidPasskeyError: unknown or deleted passkey, bad signature, unknown, spent or expired challenge, another origin or rp_id, no user verification where required, or a cloned counter (one body for all); MfaRequiredError when the authenticator did not verify the person and the user has TOTP on',
  E,
];

/** The routes of `PasskeysModule`. */
export const PASSKEY_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /auth/passkeys/registration/options': {
    tag: 'passkeys',
    summary: 'Options to register a passkey for the caller (navigator.credentials.create())',
    bearer: true,
    responses: {
      200: [
        'the creation options; excludeCredentials lists your passkeys',
        'PasskeyCreationOptions',
      ],
      401: UNAUTHORIZED,
      403: API_KEY,
      404: OFF,
      409: ['AccountStateConflictError: passkeys.max_per_user passkeys already', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/passkeys/registration/verify': {
    tag: 'passkeys',
    summary: "Save the passkey from the authenticator's answer",
    body: 'PasskeyRegistrationVerifyRequest',
    bearer: true,
    responses: {
      201: ['the passkey', 'PasskeyView'],
      400: [
        'malformed body, or InvalidPasskeyRegistrationError: the answer did not verify (spent or expired challenge, another origin, no user verification where required)',
        E,
      ],
      401: UNAUTHORIZED,
      403: API_KEY,
      404: OFF,
      409: ['AccountStateConflictError: already registered, or at passkeys.max_per_user', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/passkeys/authentication/options': {
    tag: 'passkeys',
    summary:
      'Options to sign in with a passkey: {} for any passkey (usernameless), {mfaChallenge} for the MFA step of a password login',
    body: 'PasskeyAuthenticationOptionsRequest',
    responses: {
      200: ['the request options and their challengeId', 'PasskeyRequestOptions'],
      400: BAD_REQUEST,
      401: [
        'InvalidPasskeyError: the mfaChallenge is unknown, spent, expired, from another client, or its user has no passkey',
        E,
      ],
      404: [
        'FeatureDisabledError: passkeys.enabled, as_first_factor or as_second_factor is off',
        E,
      ],
      429: THROTTLED,
      503: UNAVAILABLE,
    },
  },
  'POST /auth/passkeys/authentication/verify': {
    tag: 'passkeys',
    summary: "Sign in with the authenticator's answer: a token pair, as /auth/login gives",
    body: 'PasskeyAuthenticationVerifyRequest',
    responses: {
      200: ['the token pair; a session starts', 'TokenPair'],
      400: BAD_REQUEST,
      401: REFUSED,
      403: ['EmailNotVerifiedError: require_verified_email is on and the email is not', E],
      404: [
        'FeatureDisabledError: passkeys.enabled, as_first_factor or as_second_factor is off',
        E,
      ],
      423: ['AccountLockedError: too many failed logins of the account; Retry-After', E],
      429: THROTTLED,
      503: UNAVAILABLE,
    },
  },
  'GET /auth/passkeys': {
    tag: 'passkeys',
    summary: "The caller's passkeys, oldest first (never a key or counter)",
    bearer: true,
    responses: {
      200: ['the passkeys', 'PasskeyList'],
      401: UNAUTHORIZED,
      403: API_KEY,
      404: OFF,
      503: UNAVAILABLE,
    },
  },
  'PATCH /auth/passkeys/{id}': {
    tag: 'passkeys',
    summary: 'Rename one of your passkeys',
    body: 'RenamePasskeyRequest',
    bearer: true,
    responses: {
      200: ['the renamed passkey', 'PasskeyView'],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      403: API_KEY,
      404: [
        'AuthResourceNotFoundError: malformed, unknown or not yours (same body); or passkeys are off',
        E,
      ],
      503: UNAVAILABLE,
    },
  },
  'DELETE /auth/passkeys/{id}': {
    tag: 'passkeys',
    summary: 'Delete one of your passkeys; it signs nobody in from now on',
    bearer: true,
    responses: {
      204: ['deleted', null],
      401: UNAUTHORIZED,
      403: API_KEY,
      404: [
        'AuthResourceNotFoundError: malformed, unknown or not yours (same body); or passkeys are off',
        E,
      ],
      503: UNAVAILABLE,
    },
  },
};
