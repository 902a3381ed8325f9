import { z } from 'zod';
import { passkeyAuthenticationVerifySchema } from '@lexigram/nest-auth';

// The same caps as the JSON API's login and MFA bodies: the services decide the rest.
export const pagesLoginSchema = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});
export const pagesMfaSchema = z.strictObject({
  challenge: z.string().min(1).max(200),
  code: z.string().trim().min(1).max(64),
});
export const pagesEmptySchema = z.strictObject({});
/** The body of `POST /auth/passkeys/authentication/verify`, as is. */
export const pagesPasskeySchema = passkeyAuthenticationVerifySchema;

export type PagesLoginRequest = z.infer<typeof pagesLoginSchema>;
export type PagesMfaRequest = z.infer<typeof pagesMfaSchema>;
