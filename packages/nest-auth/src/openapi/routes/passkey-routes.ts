import {
  type AuthRouteDoc,
  BAD_REQUEST,
  E,
  LOGIN_THROTTLED,
  UNAUTHORIZED,
  UNAVAILABLE,
} from '../auth-route-doc';

const API_KEY_SENT = ['InsufficientPermissionsError: sent an API key', E] as const;
const FACTOR_OFF = [
  'FeatureDisabledError: passkeys.as_first_factor (or as_second_factor) is off',
  E,
] as const;
const NOT_YOURS = [
  'AuthResourceNotFoundError: malformed, unknown or not yours (same body)',
  E,
] as const;
const REFUSED = [
  'InvalidPasskeyError: unknown or deleted passkey, bad signature, unknown, spent or expired challenge, another origin or rp_id, no user verification where required, or a cloned counter (one body for all); MfaRequiredError when the authenticator did not verify the person and the user has TOTP on',
  E,
] as const;

/** PasskeysModule's PasskeysController, when the host mounts it and `passkeys.enabled`. */
export const PASSKEY_ROUTES: AuthRouteDoc[] = [
  {
    method: 'post',
    path: 'passkeys/registration/options',
    feature: 'passkeys',
    tag: 'passkeys',
    summary: 'Options to register a passkey for the caller (navigator.credentials.create())',
    bearer: true,
    responses: {
      200: [
        'the creation options; excludeCredentials lists your passkeys',
        'PasskeyCreationOptions',
      ],
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      409: ['AccountStateConflictError: passkeys.max_per_user passkeys already', E],
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'passkeys/registration/verify',
    feature: 'passkeys',
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
      403: API_KEY_SENT,
      409: ['AccountStateConflictError: already registered, or at passkeys.max_per_user', E],
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'passkeys/authentication/options',
    feature: 'passkeys',
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
      404: FACTOR_OFF,
      429: LOGIN_THROTTLED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'passkeys/authentication/verify',
    feature: 'passkeys',
    tag: 'passkeys',
    summary: "Sign in with the authenticator's answer: a token pair, as /login gives",
    body: 'PasskeyAuthenticationVerifyRequest',
    responses: {
      200: ['the token pair; a session starts', 'TokenPair'],
      400: BAD_REQUEST,
      401: REFUSED,
      403: ['EmailNotVerifiedError: require_verified_email is on and the email is not', E],
      404: FACTOR_OFF,
      423: ['AccountLockedError: too many failed logins of the account; Retry-After', E],
      429: LOGIN_THROTTLED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'get',
    path: 'passkeys',
    feature: 'passkeys',
    tag: 'passkeys',
    summary: "The caller's passkeys, oldest first (never a key or counter)",
    bearer: true,
    responses: {
      200: ['the passkeys', 'PasskeyList'],
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'patch',
    path: 'passkeys/{id}',
    feature: 'passkeys',
    tag: 'passkeys',
    summary: 'Rename one of your passkeys',
    body: 'RenamePasskeyRequest',
    bearer: true,
    responses: {
      200: ['the renamed passkey', 'PasskeyView'],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      404: NOT_YOURS,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'delete',
    path: 'passkeys/{id}',
    feature: 'passkeys',
    tag: 'passkeys',
    summary: 'Delete one of your passkeys; it signs nobody in from now on',
    bearer: true,
    responses: {
      204: ['deleted', null],
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      404: NOT_YOURS,
      503: UNAVAILABLE,
    },
  },
];
