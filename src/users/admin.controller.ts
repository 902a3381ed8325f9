import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import {
  AuthorizationGuard,
  AuthResourceNotFoundError,
  Permissions,
  RolePermissions,
  Roles,
  UserStore,
} from '@lexigram/nest-auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an administrator sees of an account. */
export interface AdminUserView {
  id: string;
  email: string;
  roles: string[];
  createdAt: string;
}

/** A configured role with what it grants once inheritance is expanded. */
export interface RoleView {
  name: string;
  permissions: string[];
}

/**
 * Example routes guarded by role and by permission. The app binds JwtAuthGuard globally; the
 * authorization guard here reuses its principal (and would authenticate by itself if it stood
 * alone).
 */
@Controller('admin')
@UseGuards(AuthorizationGuard)
export class AdminController {
  constructor(
    private readonly users: UserStore,
    private readonly rbac: RolePermissions,
  ) {}

  /** One account, for whoever holds `users.read` (a person or an API key scoped to it). */
  @Get('users/:id')
  @Permissions('users.read')
  async user(@Param('id') id: string): Promise<AdminUserView> {
    // Ids are UUIDs; anything else cannot name a user (and PostgreSQL would refuse the query).
    const user = UUID.test(id) ? await this.users.findById(id) : null;
    // The id is not echoed: an error body is no place for caller-chosen text.
    if (!user) throw new AuthResourceNotFoundError('No user with this id.');
    return {
      id: user.id,
      email: user.email,
      roles: user.roles,
      createdAt: user.createdAt.toISOString(),
    };
  }

  /** The configured roles; only people holding `admin` (or a role inheriting it). */
  @Get('roles')
  @Roles('admin')
  roles(): { roles: RoleView[] } {
    return {
      roles: this.rbac.roleNames.map((name) => ({
        name,
        permissions: this.rbac.patternsOf([name]),
      })),
    };
  }
}
