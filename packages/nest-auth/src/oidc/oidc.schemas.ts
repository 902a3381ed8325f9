import { z } from 'zod';

/** `POST /auth/oidc/token`: the login code the callback put on the return page. */
export const oidcTokenSchema = z.strictObject({ code: z.string().min(1).max(200) });
export type OidcTokenRequest = z.infer<typeof oidcTokenSchema>;

/** `POST /auth/oidc/:provider/link`: the page to return to (a path), optional. */
export const oidcLinkSchema = z.strictObject({ redirect: z.string().max(2000).optional() });
export type OidcLinkRequest = z.infer<typeof oidcLinkSchema>;
