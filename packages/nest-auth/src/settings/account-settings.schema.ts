import { z } from 'zod';
import { flag, httpUrl, integer, optionalText, rateLimit } from './setting-parsers';

/** A link flow; `maxTtlSeconds` bounds how long a link may stay a credential. */
const oneTimeLink = (flow: string, disabled: string, ttlSeconds: number, maxTtlSeconds: number) =>
  z.strictObject({
    enabled: flag.prefault(true).describe(`The ${flow} flow; \`false\`: ${disabled}.`),
    ttlSeconds: integer(60, maxTtlSeconds)
      .prefault(ttlSeconds)
      .describe(`How long a link of the ${flow} flow stays valid.`),
  });

export const emailVerificationSettingsSchema = oneTimeLink(
  'email verification',
  'no mail at registration, the verification routes answer 404',
  86400,
  30 * 86400,
);

// A reset link is a password in all but name: at most a day (OWASP Forgot Password sheet).
export const passwordResetSettingsSchema = oneTimeLink(
  'password reset',
  'the reset routes answer 404 `FeatureDisabledError`',
  3600,
  86400,
);

/** `auth.mail`: outgoing mail for reset and verification links. */
export const mailSettingsSchema = z.strictObject({
  from: z
    .string()
    .min(3)
    .prefault('Lexigram Auth <no-reply@localhost>')
    .describe('`From:` header of every message.'),
  linkBaseUrl: httpUrl
    .prefault('http://localhost:3000')
    .describe(
      "Links in messages start here (the host's front end): `<base>/reset-password?token=…` and `<base>/verify-email?token=…`.",
    ),
  smtpUrl: optionalText
    .refine((url) => url === null || /^smtps?:\/\//.test(url), {
      error: 'expected an smtp:// or smtps:// URL',
    })
    .prefault(null)
    .meta({
      description:
        '`smtp://user:pass@host:587` or `smtps://…`. Unset, messages (and their links) go to the development outbox (the log), which staging and production refuse while reset or verification is on. May hold a password, so it is never logged.',
      example: 'smtp://user:pass@smtp.example.com:587',
    }),
  rateLimit: rateLimit
    .prefault('5/hour')
    .describe(
      'Requests per client IP to the routes that send mail (forgot password, resend verification), and per recipient address for the messages they send: `N/second|minute|hour|day`.',
    ),
});

/** `auth.mfa`: the TOTP second factor ([MFA](../guides/mfa.md)). */
export const mfaSettingsSchema = z.strictObject({
  enabled: flag.prefault(true).describe('Off: every MFA route answers 404.'),
  issuer: z
    .string()
    .min(1)
    .max(100)
    .prefault('Lexigram')
    .describe('The name authenticator apps show beside the account (`issuer` of the otpauth URI).'),
  challengeTtlSeconds: integer(30, 3600)
    .prefault(300)
    .describe('Lifetime of the challenge a login gets when it needs a second factor.'),
});

/** `auth.api_keys` ([API keys](../guides/api-keys.md)). */
export const apiKeySettingsSchema = z.strictObject({
  enabled: flag
    .prefault(true)
    .describe('Off: the routes answer 404 and the guard ignores API-key headers.'),
  maxPerUser: integer(1, 10000)
    .prefault(20)
    .describe('Live (not revoked, not expired) keys one user may hold.'),
});
