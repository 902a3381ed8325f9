import { type AuthRouteDoc, E, UNAUTHORIZED, UNAVAILABLE } from '../auth-route-doc';

const API_KEY_SENT = ['InsufficientPermissionsError: called with an API key', E] as const;

/** ApiKeysController, with `api_keys.enabled`. */
export const API_KEY_ROUTES: AuthRouteDoc[] = [
  {
    method: 'post',
    path: 'api-keys',
    feature: 'apiKeys',
    tag: 'api-keys',
    summary: 'Create an API key; the key is in this answer only (Cache-Control: no-store)',
    body: 'CreateApiKeyRequest',
    bearer: true,
    responses: {
      201: ['the key and its metadata', 'CreatedApiKey'],
      400: ['malformed body, unknown fields, a bad scope, or an expiry in the past', E],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: a scope beyond your roles, or sent an API key', E],
      409: ['AccountStateConflictError: api_keys.max_per_user live keys already', E],
      503: UNAVAILABLE,
    },
  },
  {
    method: 'get',
    path: 'api-keys',
    feature: 'apiKeys',
    tag: 'api-keys',
    summary: "The caller's API keys that are not revoked, without the keys",
    bearer: true,
    responses: {
      200: ['the keys', 'ApiKeyList'],
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      503: UNAVAILABLE,
    },
  },
  {
    method: 'delete',
    path: 'api-keys/{id}',
    feature: 'apiKeys',
    tag: 'api-keys',
    summary: 'Revoke one of your API keys; it stops working at once',
    bearer: true,
    responses: {
      204: ['revoked', null],
      401: UNAUTHORIZED,
      403: API_KEY_SENT,
      404: ['AuthResourceNotFoundError: malformed, unknown, revoked or not yours (same body)', E],
      503: UNAVAILABLE,
    },
  },
];
