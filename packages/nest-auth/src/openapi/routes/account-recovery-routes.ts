import { type AuthRouteDoc, BAD_REQUEST, E, UNAVAILABLE } from '../auth-route-doc';

const MAIL_LIMITED = [
  'AccountRecoveryRateLimitError: more than mail.rate_limit requests from this client to the routes that send mail; Retry-After',
  E,
] as const;
const LINK_LIMITED = [
  'AccountRecoveryRateLimitError: more than login_rate_limit requests from this client to the routes that take a link token; Retry-After',
  E,
] as const;
const LINK_REFUSED = [
  'InvalidOneTimeTokenError: unknown, tampered, expired or already used token (one body for all); or a malformed body',
  E,
] as const;
const LIMITER_DOWN = ['the rate limiter store did not answer; Retry-After', E] as const;

/** AccountRecoveryController: `password_reset.enabled` and `email_verification.enabled`. */
export const ACCOUNT_RECOVERY_ROUTES: AuthRouteDoc[] = [
  {
    method: 'post',
    path: 'password/forgot',
    feature: 'passwordReset',
    tag: 'account recovery',
    summary:
      'Mail a password-reset link (valid password_reset.ttl_seconds, single use); the same 202 whether or not the account exists',
    body: 'ForgotPasswordRequest',
    responses: {
      202: ['queued if the account exists (same body either way)', 'MailQueued'],
      400: BAD_REQUEST,
      429: MAIL_LIMITED,
      503: LIMITER_DOWN,
    },
  },
  {
    method: 'post',
    path: 'password/reset',
    feature: 'passwordReset',
    tag: 'account recovery',
    summary:
      "Set a new password with the link's token: every session of the user ends and the lockout clears",
    body: 'ResetPasswordRequest',
    responses: {
      204: ['the password is changed', null],
      400: LINK_REFUSED,
      422: ['PasswordPolicyError: violations lists every broken rule; the token stays usable', E],
      429: LINK_LIMITED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'verify-email',
    feature: 'emailVerification',
    tag: 'account recovery',
    summary: "Mark the account's email verified with the token of the link sent at registration",
    body: 'VerifyEmailRequest',
    responses: {
      204: ['verified', null],
      400: LINK_REFUSED,
      429: LINK_LIMITED,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'post',
    path: 'verify-email/resend',
    feature: 'emailVerification',
    tag: 'account recovery',
    summary:
      'Mail a new verification link to an unverified account (earlier links stop working); the same 202 for any email',
    body: 'ResendVerificationRequest',
    responses: {
      202: ['queued if the account exists and is unverified (same body either way)', 'MailQueued'],
      400: BAD_REQUEST,
      429: MAIL_LIMITED,
      503: LIMITER_DOWN,
    },
  },
];
