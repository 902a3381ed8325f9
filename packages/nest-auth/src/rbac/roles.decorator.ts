import { SetMetadata } from '@nestjs/common';

export const ROLES_KEY = 'lexAuth:roles';

/**
 * The route needs a signed-in user holding ANY of these roles; a role that inherits one of them
 * counts (an `admin` that inherits `editor` passes `@Roles('editor')`). On a class and a method,
 * both must pass. API keys are refused (403): a role check asks who the person is, and a key's
 * scopes say what it may do, which only `@Permissions` checks. Enforced by `AuthorizationGuard`.
 * @throws Error at decoration when no role, or an empty name, is given
 */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator => {
  if (roles.length === 0) throw new Error('@Roles() needs at least one role name.');
  for (const role of roles) {
    if (typeof role !== 'string' || role.trim() === '')
      throw new Error(`@Roles() got an empty role name: ${JSON.stringify(role)}.`);
  }
  return SetMetadata(ROLES_KEY, Object.freeze([...roles]));
};
