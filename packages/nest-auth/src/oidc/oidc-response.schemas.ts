import { z } from 'zod';

/** A provider as a "Sign in with …" button needs it. */
export const oidcProviderViewSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  authorizePath: z.string().describe('navigate the browser here to sign in'),
});

/** `GET /auth/oidc/providers`. */
export const oidcProviderListSchema = z.object({ providers: z.array(oidcProviderViewSchema) });

/** `POST /auth/oidc/:provider/link`. */
export const oidcAuthorizationUrlSchema = z.object({ authorizationUrl: z.url() });

/** What `GET /auth/identities` shows of a linked identity. */
export const externalIdentityViewSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  subject: z.string(),
  email: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

/** `GET /auth/identities`. */
export const externalIdentityListSchema = z.object({
  identities: z.array(externalIdentityViewSchema),
});
