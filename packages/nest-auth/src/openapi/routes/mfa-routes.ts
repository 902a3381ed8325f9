import {
  type AuthRouteDoc,
  BAD_REQUEST,
  E,
  LOGIN_THROTTLED,
  UNAUTHORIZED,
  UNAVAILABLE,
} from '../auth-route-doc';

const API_KEY_SENT = ['InsufficientPermissionsError: sent an API key', E] as const;
const WRONG_SECRET = ['InvalidCredentialsError or InvalidMfaCodeError; or a bad token', E] as const;

/** MfaController, with `mfa.enabled`. */
export const MFA_ROUTES: AuthRouteDoc[] = [
  {
    method: 'get',
    path: 'mfa',
    feature: 'mfa',
    tag: 'mfa',
    summary: 'Whether TOTP is on for the caller, and how many recovery codes are left',
    bearer: true,
    responses: {
      200: ['the MFA status', 'MfaStatus'],
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'mfa/totp',
    feature: 'mfa',
    tag: 'mfa',
    summary: 'Start (or restart) a TOTP enrolment: a new secret and its otpauth URI',
    bearer: true,
    responses: {
      201: ['the secret, shown only here (Cache-Control: no-store)', 'TotpEnrolment'],
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      409: ['AccountStateConflictError: TOTP is already on', E],
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'mfa/totp/confirm',
    feature: 'mfa',
    tag: 'mfa',
    summary:
      'Turn TOTP on with the password and a first code; every session ends; 10 recovery codes, shown once',
    body: 'MfaConfirmRequest',
    bearer: true,
    responses: {
      200: ['the recovery codes (Cache-Control: no-store)', 'RecoveryCodes'],
      400: BAD_REQUEST,
      401: WRONG_SECRET,
      403: API_KEY_SENT,
      409: ['AccountStateConflictError: no enrolment pending, or TOTP already on', E],
      423: ['AccountLockedError: too many wrong passwords; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'mfa/totp/disable',
    feature: 'mfa',
    tag: 'mfa',
    summary: 'Turn TOTP off with the password and a TOTP or recovery code; every session ends',
    body: 'MfaDisableRequest',
    bearer: true,
    responses: {
      204: ['off', null],
      400: BAD_REQUEST,
      401: WRONG_SECRET,
      403: API_KEY_SENT,
      409: ['AccountStateConflictError: TOTP is not on', E],
      423: ['AccountLockedError: too many wrong passwords or codes; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'mfa/recovery-codes',
    feature: 'mfa',
    tag: 'mfa',
    summary: 'New recovery codes for a TOTP or recovery code; the old ones stop working',
    body: 'MfaCodeRequest',
    bearer: true,
    responses: {
      200: ['the recovery codes (Cache-Control: no-store)', 'RecoveryCodes'],
      400: BAD_REQUEST,
      401: ['InvalidMfaCodeError: wrong or used code; or a bad token', E],
      403: API_KEY_SENT,
      409: ['AccountStateConflictError: TOTP is not on', E],
      423: ['AccountLockedError: too many wrong codes; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'mfa/verify',
    feature: 'mfa',
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
      423: ['AccountLockedError: too many wrong codes; Retry-After', E],
      429: LOGIN_THROTTLED,
      503: UNAVAILABLE,
    },
  },
];
