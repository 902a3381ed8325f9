import { API_KEY_PREFIX } from './api-key-format';
import type { ApiKeyRecord } from './api-key-store';

/** An API key as the owner sees it: never the key or its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** `lex_` and the lookup prefix: enough to recognise the key, useless to authenticate. */
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to `POST /auth/api-keys`: the only time the key itself is shown. */
export interface CreatedApiKey extends ApiKeyView {
  key: string;
}

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
