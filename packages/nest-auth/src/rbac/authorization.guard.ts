import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { InsufficientPermissionsError } from '../errors/auth.errors';
import { type GuardedRequest, JwtAuthGuard } from '../guards/jwt-auth.guard';
import { AuthMetrics } from '../metrics/auth-metrics';
import { PERMISSIONS_KEY } from '../decorators/permissions-key';
import { ROLES_KEY } from './roles.decorator';
import { RolePermissions } from './role-permissions';

type Requirement = readonly string[] | undefined;

/**
 * Enforces `@Roles` and `@Permissions`. Works after a global `JwtAuthGuard` (it reuses the
 * principal) or alone on a route (it authenticates first, through the same guard, so a missing or
 * bad token is a 401, never a 403). Requirements win over `@Public()`. Authenticated but not
 * allowed: 403 `InsufficientPermissionsError`, naming what the route needs and never the roles the
 * user holds. Routes without requirements pass untouched.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: JwtAuthGuard,
    private readonly rbac: RolePermissions,
    private readonly metrics: AuthMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    const type = context.getClass();
    const classRoles = this.reflector.get<Requirement>(ROLES_KEY, type);
    const routeRoles = this.reflector.get<Requirement>(ROLES_KEY, handler);
    const classPermissions = this.reflector.get<Requirement>(PERMISSIONS_KEY, type);
    const routePermissions = this.reflector.get<Requirement>(PERMISSIONS_KEY, handler);
    if (!classRoles && !routeRoles && !classPermissions && !routePermissions) return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const principal = await this.authentication.authenticate(request);
    this.requireRoles(principal, classRoles);
    this.requireRoles(principal, routeRoles);
    this.requirePermissions(principal, classPermissions);
    this.requirePermissions(principal, routePermissions);
    return true;
  }

  private requireRoles(principal: AuthPrincipal, anyOf: Requirement): void {
    if (!anyOf) return;
    if (principal.method === 'api_key') {
      throw this.deny(
        'api_key_on_role_route',
        'This route is restricted by role and needs a signed-in user; API keys cannot use it.',
      );
    }
    const held = rolesOf(principal);
    for (const role of anyOf) if (this.rbac.hasRole(held, role)) return;
    throw this.deny(
      'role',
      anyOf.length === 1
        ? `This route requires the role "${anyOf[0]}".`
        : `This route requires one of the roles ${anyOf.map((r) => `"${r}"`).join(', ')}.`,
    );
  }

  private requirePermissions(principal: AuthPrincipal, allOf: Requirement): void {
    if (!allOf) return;
    const held = rolesOf(principal);
    // The lists of what is missing are built only on the way to a 403, never on success.
    for (const permission of allOf) {
      if (this.rbac.allows(held, permission)) continue;
      const missing = allOf.filter((p) => !this.rbac.allows(held, p));
      throw this.deny(
        'permission',
        `This route requires the ${plural('permission', missing)} ${quoteAll(missing)}.`,
      );
    }
    if (principal.method !== 'api_key') return;
    const scopes = principal.scopes ?? [];
    for (const permission of allOf) {
      if (this.rbac.scopesAllow(scopes, permission)) continue;
      const outOfScope = allOf.filter((p) => !this.rbac.scopesAllow(scopes, p));
      throw this.deny('scope', `This API key's scopes do not include ${quoteAll(outOfScope)}.`);
    }
  }

  private deny(reason: string, message: string): InsufficientPermissionsError {
    this.metrics.authorizationDenials.inc({ reason });
    return new InsufficientPermissionsError(message);
  }
}

/** The principal's roles; a custom authenticator that sets none grants none. */
function rolesOf(principal: AuthPrincipal): readonly string[] {
  return Array.isArray(principal.roles) ? principal.roles : [];
}

function plural(noun: string, items: readonly string[]): string {
  return items.length === 1 ? noun : `${noun}s`;
}

function quoteAll(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}
