import { z } from 'zod';
import { findInheritanceCycle } from '../permissions/role-graph';
import {
  apiKeySettingsSchema,
  emailVerificationSettingsSchema,
  mailSettingsSchema,
  mfaSettingsSchema,
  passwordResetSettingsSchema,
} from './account-settings.schema';
import { AUTH_ENVIRONMENTS, DEFAULT_SECRET_KEY, STORE_KINDS } from './auth-settings';
import { oidcSettingsSchema } from './oidc-settings.schema';
import { passkeySettingsSchema } from './passkey-settings.schema';
import { passwordSettingsSchema } from './password-settings.schema';
import { rolesSchema } from './role-settings.schema';
import { flag, integer, nameList, optionalText, rateLimit } from './setting-parsers';
import { tokenSettingsSchema } from './token-settings.schema';

/**
 * Every setting of the module, with its default and description: the one source of the settings
 * type (`z.output`), the option types (`z.input`), the defaults layer, `.env.example` and
 * docs/reference/configuration.md. Keys are camelCase; YAML and env names are derived from them
 * (setting-names.ts).
 */
export const authSettingsSchema = z
  .strictObject({
    environment: z.enum(AUTH_ENVIRONMENTS).prefault('development').meta({
      description:
        'Staging and production refuse insecure settings at boot ([refusals](#boot-refusals)): the default secret, a short secret, the outbox; the example host also SQLite and missing `DB_*`.',
      defaultText: '`LEX_ENV`, else `NODE_ENV`, else `development`',
      example: 'development',
    }),
    secretKey: z.string().min(1).prefault(DEFAULT_SECRET_KEY).meta({
      description:
        'Shared secret: `token.secret_key` falls back to it, and it keys the TOTP secret encryption ([MFA](../guides/mfa.md)). Make one with `openssl rand -hex 32`.',
      defaultText:
        'a public development placeholder: a development boot logs a `SECURITY WARNING` while it signs tokens or encrypts MFA secrets; staging/production refuse it',
    }),
    token: tokenSettingsSchema.prefault({}),
    maxFailedAttempts: integer(1, 1000)
      .prefault(5)
      .describe(
        'Failed logins allowed per identifier within the lockout window; failures only: an attempt that ended in an error counts nothing ([login](../concepts/login.md#how-attempts-are-counted)).',
      ),
    lockoutDurationSeconds: integer(1)
      .prefault(300)
      .describe('How long the lockout window runs and a lock lasts.'),
    loginRateLimit: rateLimit
      .prefault('5/minute')
      .describe('Login requests per client IP: `N/second|minute|hour|day`.'),
    password: passwordSettingsSchema.prefault({}),
    store: z
      .enum(STORE_KINDS)
      .prefault('database')
      .describe(
        'Where the attempt tracker, token blacklist and rate limits live (account state stays in the database). Several instances: use `redis` (the rate limit is per instance with `database` and `memory`). With `database` and `redis` each instance answers the revocation check from a replica in its memory ([revocation](../concepts/revocation.md#where-revocations-live)).',
      ),
    redisUrl: optionalText
      .refine((url) => url === null || /^rediss?:\/\//.test(url), {
        error: 'expected a redis:// or rediss:// URL',
      })
      .prefault(null)
      .meta({
        description:
          'Required when the store is `redis` and no `redis` client is given: `redis://[:password@]host:port[/db]`, `rediss://` for TLS. May hold a password, so it is never logged.',
        example: 'redis://127.0.0.1:6379',
      }),
    maxSessionsPerUser: integer(0, 10000)
      .prefault(0)
      .describe(
        "Live sessions per user, 0: unlimited; a login beyond it ends the user's least recently used session ([sessions](../concepts/sessions.md)).",
      ),
    roles: rolesSchema.prefault({}).meta({
      description:
        'Role name → `{permissions: [...], inherits: [...]}` (env: a JSON object; YAML `auth.roles` reads better) ([RBAC](../concepts/rbac.md)).',
      example:
        '{"user":{"permissions":["profile.*"]},"admin":{"permissions":["*"],"inherits":["user"]}}',
      typeText: 'mapping of role name → {permissions, inherits}',
    }),
    defaultRoles: nameList.prefault([]).meta({
      description:
        'Roles every new account gets, each defined in `roles`; registration never takes roles from the request (env: comma-separated or a JSON array).',
      example: 'user',
    }),
    requireVerifiedEmail: flag
      .prefault(false)
      .describe('`true`: login answers 403 `EmailNotVerifiedError` until the email is verified.'),
    emailVerification: emailVerificationSettingsSchema.prefault({}),
    passwordReset: passwordResetSettingsSchema.prefault({}),
    mail: mailSettingsSchema.prefault({}),
    mfa: mfaSettingsSchema.prefault({}),
    apiKeys: apiKeySettingsSchema.prefault({}),
    oidc: oidcSettingsSchema.prefault({}),
    passkeys: passkeySettingsSchema.prefault({}),
  })
  .superRefine((s, ctx) => {
    if (s.token.algorithm.startsWith('HS')) {
      for (const key of ['previousKeys', 'nextPublicKey'] as const) {
        if (key === 'previousKeys' ? s.token.previousKeys.length === 0 : !s.token.nextPublicKey)
          continue;
        ctx.addIssue({
          code: 'custom',
          path: ['token', key],
          message: `holds public keys, used with RS256, ES256 or EdDSA; ${s.token.algorithm} signs with a shared secret that has none. Unset it, or switch the algorithm`,
        });
      }
    }
    for (const name of s.defaultRoles) {
      // Own keys only: `constructor` or `toString` must not pass as a defined role.
      if (Object.hasOwn(s.roles, name)) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['defaultRoles'],
        message: `names the role "${name}", which roles does not define`,
      });
    }
    for (const [name, role] of Object.entries(s.roles)) {
      for (const parent of role.inherits) {
        if (Object.hasOwn(s.roles, parent)) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['roles', name, 'inherits'],
          message: `"${name}" inherits "${parent}", which roles does not define`,
        });
      }
    }
    const cycle = findInheritanceCycle(s.roles);
    if (cycle) {
      ctx.addIssue({
        code: 'custom',
        path: ['roles'],
        message: `roles inherit in a cycle (${cycle.join(' → ')}); break it`,
      });
    }
    if (s.password.minLength > s.password.maxLength) {
      ctx.addIssue({
        code: 'custom',
        path: ['password', 'minLength'],
        message: `min_length (${s.password.minLength}) is above max_length (${s.password.maxLength})`,
      });
    }
  })
  // `token.secret_key` falls back to the shared secret, so the settings type has it always.
  .transform(({ token, ...rest }) => ({
    ...rest,
    token: { ...token, secretKey: token.secretKey ?? rest.secretKey },
  }));
