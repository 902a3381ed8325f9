import type { Provider } from '@nestjs/common';
import { AuthConfig } from '../settings/auth-config';
import { AuthorizationGuard } from './authorization.guard';
import { RolePermissions } from './role-permissions';

/** Role-based access control: the role model from `auth.roles` and the guard that enforces it. */
export const RBAC_PROVIDERS: Provider[] = [
  {
    provide: RolePermissions,
    inject: [AuthConfig],
    useFactory: (c: AuthConfig) => new RolePermissions(c.roles),
  },
  AuthorizationGuard,
];
