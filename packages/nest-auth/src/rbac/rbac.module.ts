import { type DynamicModule, Module } from '@nestjs/common';
import { AuthorizationGuard } from './authorization.guard';
import { RBAC_PROVIDERS } from './rbac.providers';
import { RolePermissions } from './role-permissions';

/**
 * Role-based access control: the role model of `auth.roles` and `AuthorizationGuard`, which a
 * host binds for `@Roles`/`@Permissions`. `AuthModule` always composes it (API keys check their
 * scopes against it). No routes.
 */
@Module({})
export class RbacModule {
  /** @param core the module's shared services: what `AuthModule` composes it with */
  static register(core: DynamicModule): DynamicModule {
    return {
      module: RbacModule,
      imports: [core],
      providers: RBAC_PROVIDERS,
      exports: [RolePermissions, AuthorizationGuard],
    };
  }
}
