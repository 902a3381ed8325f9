import { z } from 'zod';

/** `GET /auth/oidc/providers`: what a "Sign in with …" button needs. */
export const oidcProviderListSchema = z.object({
  providers: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      authorizePath: z.string().describe('navigate the browser here to sign in'),
    }),
  ),
});

/** `POST /auth/oidc/:provider/link`. */
export const oidcAuthorizationUrlSchema = z.object({ authorizationUrl: z.url() });

/** `GET /auth/identities` (`ExternalIdentityView`). */
export const externalIdentityListSchema = z.object({
  identities: z.array(
    z.object({
      id: z.uuid(),
      provider: z.string(),
      subject: z.string(),
      email: z.string().nullable(),
      createdAt: z.iso.datetime(),
    }),
  ),
});
