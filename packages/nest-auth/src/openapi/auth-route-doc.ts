import type { RequestSchemaName, ResponseSchemaName } from './auth-openapi-schemas';
import type { HttpMethod } from './openapi-types';

/** A part of the module that a setting or the host's imports switch on; `core` is always on. */
export type AuthRouteFeature =
  'core' | 'apiKeys' | 'mfa' | 'passwordReset' | 'emailVerification' | 'oidc' | 'passkeys';

/** What the document says of one route of the module. */
export interface AuthRouteDoc {
  method: HttpMethod;
  /** Under the base path (`login` → `/auth/login`); a leading `/` is outside it. `{id}`: a parameter. */
  path: string;
  feature: AuthRouteFeature;
  tag: string;
  summary: string;
  body?: RequestSchemaName;
  /** Takes a Bearer access token (else public). */
  bearer?: boolean;
  /** Also takes an API key (`X-API-Key`, or `Authorization: ApiKey <key>`). */
  apiKey?: boolean;
  /** Query parameters: name → description. */
  query?: Record<string, string>;
  /** status → [description, response schema name, or null for no body]. */
  responses: Record<number, readonly [string, ResponseSchemaName | null]>;
}

export const E = 'ErrorBody' satisfies ResponseSchemaName;
export const BAD_REQUEST = ['malformed JSON, missing, mistyped or unknown fields', E] as const;
export const UNAUTHORIZED = [
  'missing, invalid, expired, revoked or wrong-audience token (WWW-Authenticate: Bearer)',
  E,
] as const;
export const API_KEY_REFUSED = [
  'InsufficientPermissionsError: an API key; this route takes a signed-in user',
  E,
] as const;
export const UNAVAILABLE = [
  'a store (tracker, blacklist, users, …) did not answer; Retry-After',
  E,
] as const;
export const LOGIN_THROTTLED = [
  'LoginRateLimitError: more than login_rate_limit requests from this client; Retry-After',
  E,
] as const;
