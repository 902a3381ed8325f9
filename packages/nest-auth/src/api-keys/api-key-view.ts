import type { z } from 'zod';
import { API_KEY_PREFIX } from './api-key-format';
import type { apiKeyViewSchema, createdApiKeySchema } from './api-key-response.schemas';
import type { ApiKeyRecord } from './api-key-store';

/** An API key as the owner sees it: never the key or its hash. */
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** The answer to `POST /auth/api-keys`: the only time the key itself is shown. */
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export function toApiKeyView(record: ApiKeyRecord): ApiKeyView {
  return {
    id: record.id,
    name: record.name,
    prefix: `${API_KEY_PREFIX}${record.prefix}`,
    scopes: [...record.scopes],
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  };
}
