import { z } from 'zod';
import { OIDC_ACCOUNT_CREATION, OIDC_CLIENT_AUTH } from './oidc-settings';
import { flag, httpUrl, integer, json, lenient } from './setting-parsers';

const emptyToNull = (value: unknown): unknown => (value === '' ? null : value);
const nullableUrl = lenient(emptyToNull, httpUrl.nullable()).prefault(null);
const nullableText = lenient(emptyToNull, z.string().nullable()).prefault(null);

const claims = z.strictObject({
  subject: z.string().min(1).prefault('sub').describe('Claim of the subject (GitHub: `id`).'),
  email: z.string().min(1).prefault('email').describe('Claim of the email.'),
  emailVerified: z
    .string()
    .min(1)
    .nullable()
    .prefault('email_verified')
    .describe('Claim of email_verified; null: the provider never vouches for the email.'),
});

/** One provider of `oidc.providers`. */
export const oidcProviderSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
        error: 'expected 1–32 lowercase letters, digits or dashes (it is part of the routes)',
      })
      .describe('Part of the routes (`/auth/oidc/:id/…`): lowercase letters, digits, dashes.'),
    displayName: z.string().min(1).max(100).describe('Shown on the "Sign in with …" button.'),
    issuer: nullableUrl.describe(
      'OpenID Connect issuer, whose discovery document gives the endpoints. Either this or the three endpoints.',
    ),
    authorizationEndpoint: nullableUrl.describe('Plain OAuth 2.0: the authorization endpoint.'),
    tokenEndpoint: nullableUrl.describe('Plain OAuth 2.0: the token endpoint.'),
    userinfoEndpoint: nullableUrl.describe(
      'Plain OAuth 2.0: where the profile is read (with the access token).',
    ),
    clientId: z.string().min(1).describe('The client id registered at the provider.'),
    clientSecret: nullableText.describe(
      'Needed by `client_secret_basic` and `client_secret_post`.',
    ),
    clientAuth: z
      .enum(OIDC_CLIENT_AUTH)
      .prefault('client_secret_basic')
      .describe('Token-endpoint authentication.'),
    privateKey: nullableText.describe('`private_key_jwt`: PKCS#8 PEM text or a file path.'),
    privateKeyId: nullableText.describe(
      "`private_key_jwt`: the key's `kid`, when the provider wants one.",
    ),
    scopes: z
      .array(z.string().min(1))
      .prefault(['openid', 'email', 'profile'])
      .describe('Scopes requested at sign-in.'),
    claims: claims.prefault({}).meta({
      description: 'Claim names of subject, email and email_verified.',
      typeText: '{subject, email, email_verified}',
      defaultText: '`{subject: sub, email: email, email_verified: email_verified}`',
    }),
    accountCreation: z
      .enum(OIDC_ACCOUNT_CREATION)
      .nullable()
      .prefault(null)
      .describe('Overrides `oidc.account_creation` for this provider; null keeps it.'),
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
const providers = json(
  z.array(oidcProviderSchema, {
    error: 'expected a list of providers ({id, display_name, issuer, client_id, …})',
  }),
  [],
).superRefine((list, ctx) => {
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

/** `auth.oidc`: sign-in through OpenID Connect / OAuth 2.0 providers (OidcModule). */
export const oidcSettingsSchema = z.strictObject({
  providers: providers.prefault([]).meta({
    description:
      "The providers (env: a JSON array); each one's keys are in the [provider table](#oidc-providers).",
    example:
      '[{"id":"google","display_name":"Google","issuer":"https://accounts.google.com","client_id":"…","client_secret":"…"}]',
    typeText: 'list of providers',
    itemTitle: 'OIDC providers',
  }),
  redirectBaseUrl: httpUrl
    .prefault('http://localhost:3000')
    .describe(
      'Public base URL of this API; callbacks are `{base}/auth/oidc/{id}/callback`, registered at the provider; https in staging/production.',
    ),
  postLoginUrl: httpUrl
    .prefault('http://localhost:3000/')
    .describe(
      'The front-end page the callback sends the browser to with `?login_code=` (or `?oidc_error=`).',
    ),
  accountCreation: z
    .enum(OIDC_ACCOUNT_CREATION)
    .prefault('verified_email_only')
    .describe('Who may get an account on a first sign-in through a provider.'),
  linkByVerifiedEmail: flag
    .prefault(false)
    .describe('A first sign-in with a provider-verified email joins the account of that email.'),
  stateTtlSeconds: integer(30, 3600)
    .prefault(600)
    .describe('Lifetime of a started sign-in (state, nonce, PKCE verifier).'),
  loginCodeTtlSeconds: integer(5, 600)
    .prefault(60)
    .describe('Lifetime of the login code the callback hands to the front end.'),
  discoveryTimeoutSeconds: integer(1, 60)
    .prefault(5)
    .describe('How long `doctor` and the first sign-in wait for a discovery document.'),
});
