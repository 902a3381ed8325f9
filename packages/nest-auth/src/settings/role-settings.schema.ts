import { z } from 'zod';
import { isPermissionPattern } from '../permissions/permission-pattern';
import { jsonOrText, lenient } from './setting-parsers';

/** `resource.action`: dot-separated names, any of them `*` (semantics: permission-pattern.ts). */
const permission = z.string().refine(isPermissionPattern, {
  error: 'expected "resource.action", with * as a whole segment (e.g. "posts.*", "*.read" or "*")',
});

const role = z.strictObject({
  permissions: z
    .array(permission)
    .prefault([])
    .describe(
      '`resource.action` patterns: `*` alone matches all, a last `*` one or more segments (`posts.*`), another `*` one segment (`*.read`).',
    ),
  inherits: z
    .array(z.string().min(1))
    .prefault([])
    .describe('Roles whose permissions this one also grants.'),
});

/** `roles`: from the environment, a JSON object `{"editor": {"permissions": [...], "inherits": [...]}}`. */
export const rolesSchema = lenient(
  (value) => (typeof value === 'string' ? jsonOrText(value.trim()) : value),
  z.record(z.string().min(1), role, {
    error: 'expected a mapping of role name → {permissions: [...], inherits: [...]}',
  }),
);
