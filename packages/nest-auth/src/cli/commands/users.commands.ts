import { AuthService } from '../../login/auth.service';
import { LoginAttemptTracker } from '../../login-attempt-tracker/login-attempt-tracker';
import { normalizeIdentifier } from '../../common/normalize-identifier';
import { PasswordHasher } from '../../passwords/password-hasher';
import { PasswordPolicy } from '../../passwords/password-policy';
import { UserStore } from '../../user-store/user-store';
import type { CliCommand } from '../cli-command';
import { requireUser, revokeAllTokensOf } from '../cli-helpers';
import { describeHash } from '../hash-info';

const PASSWORD_FROM_STDIN =
  'The password is read from stdin (first line), never from the command line, where ps and ' +
  'shell history would show it: printf %s "$PW" | npx lexigram-auth …';

export const usersCreate: CliCommand = {
  name: 'users:create',
  args: ['email'],
  summary: 'Create a user; the password comes from stdin',
  description: `Creates a user exactly as POST /auth/register does: the email is normalised and the password policy applies (every broken rule is listed). ${PASSWORD_FROM_STDIN}`,
  async run({ args, app, readPassword, out }) {
    const password = await readPassword();
    const user = await (await app()).get(AuthService).register(args[0], password);
    out.result({ id: user.id, email: user.email, createdAt: user.createdAt.toISOString() });
  },
};

export const usersResetPassword: CliCommand = {
  name: 'users:reset-password',
  args: ['email'],
  summary: "Set a new password, revoke the user's tokens and clear the lockout",
  description: `Sets a new password (policy applies), revokes every token the user holds (log out everywhere) and clears the login lockout. ${PASSWORD_FROM_STDIN}`,
  async run({ args, app, readPassword, out }) {
    const password = await readPassword();
    const ctx = await app();
    const user = await requireUser(ctx, args[0]);
    ctx.get(PasswordPolicy).validate(password, { email: user.email });
    await ctx
      .get(UserStore)
      .updatePasswordHash(user.id, await ctx.get(PasswordHasher).hash(password));
    const revokedBefore = await revokeAllTokensOf(ctx, user.id);
    await ctx.get(LoginAttemptTracker).clear(user.email);
    out.result({
      email: user.email,
      passwordReset: true,
      tokensRevokedBefore: revokedBefore.toISOString(),
      lockoutCleared: true,
    });
  },
};

export const usersShow: CliCommand = {
  name: 'users:show',
  args: ['email'],
  summary: 'Show a user, the algorithm and cost of the stored hash (never the hash)',
  description:
    'Prints id, email, creation time, roles, the algorithm and cost the stored password hash was made with, whether the next login will re-hash it with the current configuration, and the lockout state. The hash itself is never printed.',
  async run({ args, app, out }) {
    const ctx = await app();
    const user = await requireUser(ctx, args[0]);
    const hash = describeHash(user.passwordHash);
    const status = await ctx.get(LoginAttemptTracker).status(normalizeIdentifier(user.email));
    out.result({
      id: user.id,
      email: user.email,
      createdAt: user.createdAt.toISOString(),
      roles: user.roles,
      hashAlgorithm: hash.algorithm,
      hashParameters: hash.parameters,
      rehashOnNextLogin: ctx.get(PasswordHasher).needsRehash(user.passwordHash),
      failedAttempts: status.attempts,
      lockedUntil: status.lockedUntil?.toISOString() ?? null,
    });
  },
};
