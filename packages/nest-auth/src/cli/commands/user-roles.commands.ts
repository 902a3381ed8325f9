import type { INestApplicationContext } from '@nestjs/common';
import { AuthConfig } from '../../settings/auth-config';
import { AuthService } from '../../login/auth.service';
import { type AuthUser, UserStore } from '../../user-store/user-store';
import { RolePermissions } from '../../rbac/role-permissions';
import type { CliCommand, CommandContext } from '../cli-command';
import { CommandFailedError } from '../cli-errors';
import { requireUser } from '../cli-helpers';

const REVOKE_TOKENS = {
  'revoke-tokens': {
    type: 'boolean',
    description: 'revoke every token of the user now, so the change applies at once',
  },
} as const;

const TAKES_EFFECT =
  'Access tokens carry the roles they were issued with, so the change reaches the user at their next refresh (at the latest when the current access token expires). --revoke-tokens applies it now: every token of the user is revoked and they sign in again.';

/** @throws CommandFailedError naming the defined roles when `role` is not one of them */
function requireDefinedRole(ctx: INestApplicationContext, role: string): void {
  const rbac = ctx.get(RolePermissions);
  if (rbac.isDefined(role)) return;
  const defined = rbac.roleNames;
  throw new CommandFailedError(
    `No role "${role}" in the configuration (auth.roles). ` +
      (defined.length > 0 ? `Defined roles: ${defined.join(', ')}.` : 'No roles are defined.'),
    { role, definedRoles: defined },
  );
}

/** Stores the new roles (when they changed), revokes tokens on request, and reports. */
async function applyRoles(
  { flags, out }: CommandContext,
  ctx: INestApplicationContext,
  user: AuthUser,
  change: { role: string; action: 'granted' | 'revoked'; roles: string[] },
): Promise<void> {
  const changed = change.roles.length !== user.roles.length;
  if (changed) await ctx.get(UserStore).setRoles(user.id, change.roles);
  const revokeTokens = flags['revoke-tokens'] === true;
  if (revokeTokens) await ctx.get(AuthService).endAllSessions(user.id);
  const ttl = ctx.get(AuthConfig).token.accessTtlSeconds;
  out.result({
    email: user.email,
    userId: user.id,
    role: change.role,
    [change.action]: true,
    changed,
    roles: change.roles,
    tokensRevoked: revokeTokens,
    takesEffect: revokeTokens ? 'now' : `at the next refresh (within ${ttl} s)`,
  });
  if (!changed)
    out.line(
      `The user already ${change.action === 'granted' ? 'had' : 'lacked'} the role; nothing changed.`,
    );
  if (!revokeTokens) out.line(TAKES_EFFECT);
}

export const usersGrant: CliCommand = {
  name: 'users:grant',
  args: ['email', 'role'],
  options: REVOKE_TOKENS,
  summary: 'Give a user a role defined in auth.roles',
  description: `Adds the role to the user's roles; granting a role the user already has changes nothing. The role must be defined in the configuration (auth.roles). ${TAKES_EFFECT}`,
  async run(command) {
    const [email, role] = command.args;
    const ctx = await command.app();
    requireDefinedRole(ctx, role);
    const user = await requireUser(ctx, email);
    const roles = user.roles.includes(role) ? user.roles : [...user.roles, role];
    await applyRoles(command, ctx, user, { role, action: 'granted', roles });
  },
};

export const usersRevokeRole: CliCommand = {
  name: 'users:revoke-role',
  args: ['email', 'role'],
  options: REVOKE_TOKENS,
  summary: 'Take a role away from a user',
  description: `Removes the role from the user's roles; revoking a role the user lacks changes nothing. The role must be defined in the configuration, unless the user still holds it (a role since removed from auth.roles can be cleaned up). ${TAKES_EFFECT}`,
  async run(command) {
    const [email, role] = command.args;
    const ctx = await command.app();
    const user = await requireUser(ctx, email);
    if (!user.roles.includes(role)) requireDefinedRole(ctx, role);
    const roles = user.roles.filter((r) => r !== role);
    await applyRoles(command, ctx, user, { role, action: 'revoked', roles });
  },
};
