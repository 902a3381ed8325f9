import { z } from 'zod';
import { OIDC_ACCOUNT_CREATION, OIDC_CLIENT_AUTH } from './oidc-settings';
import { camelizeKeys } from './setting-names';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
const nullableUrl = z.preprocess((v) => (v === '' ? null : v), httpUrl.nullable().default(null));
const nullableText = z.preprocess(
  (v) => (v === '' ? null : v),
  z.string().nullable().default(null),
);

const claims = z.strictObject({
  subject: z.string().min(1).default('sub'),
  email: z.string().min(1).default('email'),
  emailVerified: z.string().min(1).nullable().default('email_verified'),
});

const provider = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
      error: 'expected 1–32 lowercase letters, digits or dashes (it is part of the routes)',
    }),
    displayName: z.string().min(1).max(100),
    issuer: nullableUrl,
    authorizationEndpoint: nullableUrl,
    tokenEndpoint: nullableUrl,
    userinfoEndpoint: nullableUrl,
    clientId: z.string().min(1),
    clientSecret: nullableText,
    clientAuth: z.enum(OIDC_CLIENT_AUTH).default('client_secret_basic'),
    privateKey: nullableText,
    privateKeyId: nullableText,
    scopes: z.array(z.string().min(1)).default(['openid', 'email', 'profile']),
    claims: claims.default({ subject: 'sub', email: 'email', emailVerified: 'email_verified' }),
    accountCreation: z.enum(OIDC_ACCOUNT_CREATION).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    const explicit = [p.authorizationEndpoint, p.tokenEndpoint, p.userinfoEndpoint];
    if (p.issuer === null && explicit.some((e) => e === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['issuer'],
        message:
          'set issuer (OpenID Connect discovery), or all of authorization_endpoint, token_endpoint and userinfo_endpoint (plain OAuth 2.0)',
      });
    }
    const needsSecret =
      p.clientAuth === 'client_secret_basic' || p.clientAuth === 'client_secret_post';
    if (needsSecret && !p.clientSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message: `${p.clientAuth} needs client_secret`,
      });
    }
    if (p.clientAuth === 'private_key_jwt' && !p.privateKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['privateKey'],
        message: 'private_key_jwt needs private_key (PKCS#8 PEM or file path)',
      });
    }
  });

/** From the environment a JSON array; its keys in snake_case or camelCase. */
const providers = z
  .preprocess(
    (value) => {
      const parsed = typeof value === 'string' ? parseJson(value) : value;
      return Array.isArray(parsed) ? parsed.map(camelizeKeys) : parsed;
    },
    z.array(provider, {
      error: 'expected a list of providers ({id, display_name, issuer, client_id, …})',
    }),
  )
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((p, index) => {
      if (seen.has(p.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${p.id}" is used by two providers`,
        });
      }
      seen.add(p.id);
    });
  });

function parseJson(text: string): unknown {
  if (text.trim() === '') return [];
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * `auth.oidc`: sign-in through OpenID Connect / OAuth 2.0 providers (OidcModule).
 * @param integer and flag are the main schema's, so env strings parse the same way
 */
export function oidcSettingsSchema(
  integer: (min: number, max?: number) => z.ZodType<number>,
  flag: z.ZodType<boolean>,
) {
  return z.strictObject({
    providers,
    redirectBaseUrl: httpUrl,
    postLoginUrl: httpUrl,
    accountCreation: z.enum(OIDC_ACCOUNT_CREATION),
    linkByVerifiedEmail: flag,
    stateTtlSeconds: integer(30, 3600),
    loginCodeTtlSeconds: integer(5, 600),
    discoveryTimeoutSeconds: integer(1, 60),
  });
}
