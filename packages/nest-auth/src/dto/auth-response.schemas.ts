import { z } from 'zod';

/** The answer to a login, a refresh and every other route that starts or continues a session. */
export const tokenPairSchema = z
  .object({
    access_token: z.string().describe('JWT, typ at+jwt'),
    refresh_token: z.string().describe('JWT, typ refresh+jwt; spent on use'),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().min(1).describe('seconds until the access token expires'),
  })
  .describe('RFC 6749 token response.');

/** The public view of a user (`POST /auth/register`, `GET /auth/me`): never the hash. */
export const userViewSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  createdAt: z.iso.datetime(),
});
