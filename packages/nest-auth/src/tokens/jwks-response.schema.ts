import { z } from 'zod';

/** `GET /.well-known/jwks.json`: an RFC 7517 key set of public keys only. */
export const jsonWebKeySetSchema = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })),
});
