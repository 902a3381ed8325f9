import type { CliCommand } from '../cli-command';
import { configCheck, configShow } from './config.commands';
import { doctor } from './doctor.command';
import { lockoutClear, lockoutStatus } from './lockout.commands';
import { usersMfaReset } from './mfa.commands';
import { tokensDecode, tokensRevoke, tokensRevokeUser } from './tokens.commands';
import { usersCreate, usersResetPassword, usersShow } from './users.commands';
import { usersGrant, usersRevokeRole } from './user-roles.commands';

/** Every admin command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  usersCreate,
  usersResetPassword,
  usersShow,
  usersGrant,
  usersRevokeRole,
  usersMfaReset,
  lockoutStatus,
  lockoutClear,
  tokensDecode,
  tokensRevoke,
  tokensRevokeUser,
  configShow,
  configCheck,
  doctor,
];
