import { z } from 'zod';

/** An API key as its owner sees it (`ApiKeyView`): never the key or its hash. */
export const apiKeyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().regex(/^lex_/).describe('lex_ and the lookup prefix, to recognise the key'),
  scopes: z.array(z.string()),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable().describe('recorded at most once a minute'),
});

/** `POST /auth/api-keys`: the only answer that shows the key. */
export const createdApiKeySchema = apiKeyViewSchema.extend({
  key: z.string().describe('lex_<prefix>_<secret>; shown only here, stored hashed'),
});

/** `GET /auth/api-keys`. */
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeyViewSchema) });
