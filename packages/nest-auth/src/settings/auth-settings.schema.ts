import { z } from 'zod';
import {
  AUTH_ENVIRONMENTS,
  JWT_ALGORITHMS,
  PASSKEY_USER_VERIFICATION,
  PASSWORD_ALGORITHMS,
  STORE_KINDS,
} from './auth-settings';
import { isPermissionPattern } from '../rbac/permission-pattern';
import { findInheritanceCycle } from '../rbac/role-graph';
import { oidcSettingsSchema } from './oidc-settings.schema';
import { parseRateLimit } from './rate-limit';
import { camelizeKeys } from './setting-names';

// Environment variables arrive as strings; YAML and code give typed values. These preprocessors
// accept both, and leave anything else for zod to reject with its own message.
const fromText =
  (convert: (text: string) => unknown) =>
  (value: unknown): unknown =>
    typeof value === 'string' ? convert(value.trim()) : value;

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    fromText((t) => (t === '' ? t : Number(t))),
    z
      .number({ error: `expected a whole number from ${min} to ${max}` })
      .int()
      .min(min)
      .max(max),
  );

const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
const flag = z.preprocess(
  fromText((t) => BOOLEANS[t.toLowerCase()] ?? t),
  z.boolean({ error: 'expected true or false' }),
);

/** `null`, `~` or an empty value clear a setting (e.g. `required_audience: null`). */
const optionalText = z.preprocess(
  fromText((t) => (t === '' || t === 'null' || t === '~' ? null : t)),
  z.string().nullable(),
);

const validRegex = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
};

// Invalid JSON is handed to zod as text, so it becomes a problem naming the variable, not a crash.
const jsonOrText = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** A JSON array, or a comma-separated list when set from the environment. */
const patternList = z.preprocess(
  fromText((t) => (t.startsWith('[') ? jsonOrText(t) : t.split(',').filter(Boolean))),
  z.array(z.string().refine(validRegex, { error: 'is not a valid regular expression' })),
);

/** An ISO 8601 date-time with its zone (`2025-06-01T12:00:00Z`), or a Date from code. */
const instant = z
  .preprocess(
    (value) => (value instanceof Date && !isNaN(value.getTime()) ? value.toISOString() : value),
    z.iso.datetime({
      offset: true,
      error: 'expected an ISO 8601 date-time with a zone, e.g. "2025-06-01T12:00:00Z"',
    }),
  )
  .transform((text) => new Date(text));

/** `token.previous_keys`: from the environment a JSON array, its keys in snake_case or camelCase. */
const previousKeys = z.preprocess(
  (value) => {
    const parsed =
      typeof value === 'string' ? (value.trim() === '' ? [] : jsonOrText(value)) : value;
    return Array.isArray(parsed) ? parsed.map(camelizeKeys) : parsed;
  },
  z.array(z.strictObject({ publicKey: z.string().min(1), retiredAt: instant }), {
    error: 'expected a JSON array of {"public_key": PEM or path, "retired_at": ISO date-time}',
  }),
);

const rateLimit = z.string().transform((text, ctx) => {
  const parsed = parseRateLimit(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `expected "N/second|minute|hour|day", got "${text}"` });
    return z.NEVER;
  }
  return parsed;
});

/** A JSON array, or a comma-separated list when set from the environment. */
const nameList = z.preprocess(
  fromText((t) =>
    t.startsWith('[')
      ? jsonOrText(t)
      : t
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
  ),
  z.array(z.string().min(1)),
);

/** Web origins (`https://app.example.com`, no path): a JSON array or a comma-separated list. */
const originList = nameList.pipe(
  z.array(
    z.string().refine((o) => /^https?:\/\/[^/?#\s]+$/.test(o) && URL.canParse(o), {
      error: 'expected an origin such as "https://app.example.com" (scheme and host, no path)',
    }),
  ),
);

/** `resource.action`: dot-separated names, any of them `*` (semantics: rbac/permission-pattern.ts). */
const permission = z.string().refine(isPermissionPattern, {
  error: 'expected "resource.action", with * as a whole segment (e.g. "posts.*", "*.read" or "*")',
});

/** `roles`: from the environment, a JSON object `{"editor": {"permissions": [...], "inherits": [...]}}`. */
const roles = z.preprocess(
  fromText(jsonOrText),
  z.record(
    z.string().min(1),
    z.strictObject({
      permissions: z.array(permission).default([]),
      inherits: z.array(z.string().min(1)).default([]),
    }),
    { error: 'expected a mapping of role name → {permissions: [...], inherits: [...]}' },
  ),
);

/** A link flow; `maxTtlSeconds` bounds how long a link may stay a credential. */
const oneTimeLink = (maxTtlSeconds: number) =>
  z.strictObject({ enabled: flag, ttlSeconds: integer(60, maxTtlSeconds) });

export const authSettingsSchema = z
  .strictObject({
    environment: z.enum(AUTH_ENVIRONMENTS),
    secretKey: z.string().min(1),
    token: z.strictObject({
      secretKey: z.string().min(1).optional(),
      algorithm: z.enum(JWT_ALGORITHMS),
      privateKey: optionalText,
      publicKey: optionalText,
      nextPublicKey: optionalText,
      previousKeys,
      keyRotationGraceSeconds: integer(0),
      accessTtlSeconds: integer(1),
      refreshTtlSeconds: integer(1),
      issuer: z.string().min(1),
      audience: optionalText,
      requiredAudience: optionalText,
      leewaySeconds: integer(0, 300),
    }),
    maxFailedAttempts: integer(1, 1000),
    lockoutDurationSeconds: integer(1),
    loginRateLimit: rateLimit,
    password: z.strictObject({
      algorithm: z.enum(PASSWORD_ALGORITHMS),
      rounds: integer(4, 31),
      argon2MemoryKib: integer(1024, 4194304),
      argon2Iterations: integer(1, 100),
      argon2Parallelism: integer(1, 64),
      maxConcurrentHashes: integer(0, 1024),
      minLength: integer(1, 4096),
      maxLength: integer(1, 4096),
      requireUppercase: flag,
      requireLowercase: flag,
      requireDigits: flag,
      requireSpecial: flag,
      bannedPatterns: patternList,
    }),
    store: z.enum(STORE_KINDS),
    redisUrl: optionalText.refine((url) => url === null || /^rediss?:\/\//.test(url), {
      error: 'expected a redis:// or rediss:// URL',
    }),
    maxSessionsPerUser: integer(0, 10000),
    roles,
    defaultRoles: nameList,
    requireVerifiedEmail: flag,
    emailVerification: oneTimeLink(30 * 86400),
    // A reset link is a password in all but name: at most a day (OWASP Forgot Password sheet).
    passwordReset: oneTimeLink(86400),
    mail: z.strictObject({
      from: z.string().min(3),
      linkBaseUrl: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
      smtpUrl: optionalText.refine((url) => url === null || /^smtps?:\/\//.test(url), {
        error: 'expected an smtp:// or smtps:// URL',
      }),
      rateLimit,
    }),
    mfa: z.strictObject({
      enabled: flag,
      issuer: z.string().min(1).max(100),
      challengeTtlSeconds: integer(30, 3600),
    }),
    apiKeys: z.strictObject({ enabled: flag, maxPerUser: integer(1, 10000) }),
    oidc: oidcSettingsSchema(integer, flag),
    passkeys: z.strictObject({
      enabled: flag,
      rpId: optionalText.refine((id) => id === null || /^[a-z0-9.:[\]-]{1,253}$/.test(id), {
        error: 'expected a host name such as example.com (lower case, no scheme, port or path)',
      }),
      rpName: z.string().min(1).max(100),
      origins: originList,
      userVerification: z.enum(PASSKEY_USER_VERIFICATION),
      challengeTtlSeconds: integer(30, 3600),
      asFirstFactor: flag,
      asSecondFactor: flag,
      maxPerUser: integer(1, 100),
    }),
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
  });

export type ParsedAuthSettings = z.output<typeof authSettingsSchema>;
