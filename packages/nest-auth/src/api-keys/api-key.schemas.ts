import { z } from 'zod';
import { atMostOneOf } from '../common/at-most-one-of';
import { PERMISSION_PATTERN } from '../rbac/permission-pattern';

const MAX_SCOPES = 50;
const scope = z.string().max(200).regex(PERMISSION_PATTERN, {
  error: 'expected a "resource.action" pattern, with * as a wildcard (e.g. "posts.read")',
});

/**
 * `POST /auth/api-keys`. At most one of `expiresAt` and `expiresInDays`; neither: no expiry.
 * No scopes (omitted or `[]`): an identity-only key, which any user may make, roles or none; it
 * reaches only `@AcceptsApiKeys` routes, since every `@Permissions` route needs a matching scope.
 */
export const createApiKeySchema = atMostOneOf(
  z.strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(scope).max(MAX_SCOPES).default([]),
    /** ISO 8601 date-time with an offset (`2027-01-01T00:00:00Z`); must lie in the future. */
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  }),
  ['expiresAt', 'expiresInDays'],
  'give expiresAt or expiresInDays, not both',
);

export type CreateApiKeyRequest = z.infer<typeof createApiKeySchema>;
