import { z } from 'zod';
import { PASSKEY_USER_VERIFICATION } from './auth-settings';
import { flag, integer, optionalText, originList } from './setting-parsers';

/** `auth.passkeys` (WebAuthn); they take effect where the host mounts `PasskeysModule`. */
export const passkeySettingsSchema = z.strictObject({
  enabled: flag.prefault(true).describe('Off: every passkey route answers 404.'),
  rpId: optionalText
    .refine((id) => id === null || /^[a-z0-9.:[\]-]{1,253}$/.test(id), {
      error: 'expected a host name such as example.com (lower case, no scheme, port or path)',
    })
    .prefault(null)
    .meta({
      description:
        "The WebAuthn relying party id: the site's registrable domain (`example.com`); staging/production require one, a domain, no IP.",
      defaultText: 'unset: `localhost` in development/test',
      example: 'example.com',
    }),
  rpName: z
    .string()
    .min(1)
    .max(100)
    .prefault('Lexigram')
    .describe('The name authenticators show beside the account.'),
  origins: originList.prefault([]).meta({
    description:
      "Origins a ceremony may come from (`https://app.example.com`), on `rp_id`'s domain; staging/production require `https://` ones (env: comma-separated or a JSON array).",
    defaultText: 'unset: `http://localhost:3000` in development/test',
    example: 'https://example.com,https://app.example.com',
  }),
  userVerification: z
    .enum(PASSKEY_USER_VERIFICATION)
    .prefault('required')
    .describe(
      'Whether the authenticator must verify the person: `required` (PIN or biometrics every time), `preferred` or `discouraged`.',
    ),
  challengeTtlSeconds: integer(30, 3600)
    .prefault(300)
    .describe('How long a registration or sign-in challenge stays valid.'),
  asFirstFactor: flag.prefault(true).describe('A passkey alone signs a user in (usernameless).'),
  asSecondFactor: flag
    .prefault(true)
    .describe('A passkey completes the MFA step of a password login.'),
  maxPerUser: integer(1, 100).prefault(10).describe('Passkeys one user may register.'),
});
