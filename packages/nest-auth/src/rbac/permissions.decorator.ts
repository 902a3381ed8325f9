import { SetMetadata } from '@nestjs/common';
import { PERMISSIONS_KEY } from '../decorators/permissions-key';
import { parsePermission } from '../permissions/permission-pattern';

/**
 * The route needs ALL of these permissions (`resource.action`, no wildcards), granted by the
 * user's roles; on a class and a method, all of both. For an API key, each one must also match one
 * of the key's scopes. Enforced by `AuthorizationGuard`.
 * @throws Error at decoration when none is given or one is malformed or holds `*` (a route asks
 *   for a concrete permission; wildcards belong to what roles grant)
 */
export const Permissions = (...permissions: string[]): MethodDecorator & ClassDecorator => {
  if (permissions.length === 0) throw new Error('@Permissions() needs at least one permission.');
  for (const permission of permissions) {
    if (parsePermission(permission) === null) {
      throw new Error(
        `@Permissions() got ${JSON.stringify(permission)}: expected "resource.action" ` +
          'made of letters, digits, "_" and "-", without "*".',
      );
    }
  }
  return SetMetadata(PERMISSIONS_KEY, Object.freeze([...permissions]));
};
