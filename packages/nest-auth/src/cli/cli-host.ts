import type { DynamicModule, Type } from '@nestjs/common';
import type { ConfigProblem } from '../settings/auth-configuration.error';
import type { DoctorConfigInput, DoctorFinding } from './doctor/doctor-check';

/** One setting `config:show` lists: its variable, value (secrets masked) and where it came from. */
export interface HostSetting {
  key: string;
  value: unknown;
  source: string;
}

/**
 * What a host gives the CLI, from the file `--module <path>` (or `LEX_AUTH_CLI_MODULE`) names:
 * its `default` or `authCliHost` export, or a bare Nest module as `default`/`module`. Only
 * `module` is needed, and only by the commands that reach the stores; `config:*` and `doctor`'s
 * configuration checks run without it.
 */
export interface AuthCliHost {
  /**
   * The Nest module booted (without HTTP) for the commands that reach the stores: one that mounts
   * `AuthModule` with the host's DataSource and UserStore, as the running service does.
   */
  module?: Type<unknown> | DynamicModule;
  /**
   * Every problem the host's boot would report, its own settings included.
   * @default the module's own: `checkAuthConfiguration({ env })`
   */
  checkConfiguration?(env: Record<string, string | undefined>): ConfigProblem[];
  /** The host's own settings, listed by `config:show` after the module's. @default none */
  settings?(env: Record<string, string | undefined>): HostSetting[];
  /** More `doctor` checks on the configuration (the host's own variables). @default none */
  configChecks?: readonly ((input: DoctorConfigInput) => DoctorFinding)[];
  /**
   * `doctor`'s fix for a user store that does not answer, naming the host's database variables.
   * @default 'Check the database settings the --module reads, and that the database is up.'
   */
  userStoreFix?: string;
  /**
   * A clearer message for an error a command ended with (a database that does not answer,
   * naming the host's variables); `undefined` keeps the error's own message.
   */
  describeError?(error: unknown, env: Record<string, string | undefined>): string | undefined;
}

/** The error for a command that needs the stores when no host module was named. */
export const NO_HOST_MODULE =
  "This command needs the app's stores: pass --module <file> (or set LEX_AUTH_CLI_MODULE) " +
  'naming a file that exports the Nest module mounting AuthModule with your DataSource and ' +
  'UserStore (see the guide "Mount the module in your app").';
