import type { INestApplicationContext } from '@nestjs/common';
import type { AuthCliHost } from './cli-host';
import type { CliOutput } from './cli-output';

/** What a command receives when it runs. */
export interface CommandContext {
  /** The positional arguments after the command name, checked against `args`. */
  args: string[];
  flags: Record<string, string | true>;
  out: CliOutput;
  env: Record<string, string | undefined>;
  /** What the host gave the CLI (its module, its configuration checks). */
  host: AuthCliHost;
  /** The Nest application context, booted on first use and closed when the command ends. */
  app: () => Promise<INestApplicationContext>;
  /** The password piped on stdin. */
  readPassword: () => Promise<string>;
}

/** An option of one command, besides `--json` and `--help`. */
export interface CliOption {
  /** `boolean` for a switch (`--revoke-tokens`), `string` for one with a value (`--env production`). */
  type: 'boolean' | 'string';
  /** The value's placeholder in the usage line (`development|test|staging|production`). */
  value?: string;
  /** One line for `<command> --help`. */
  description: string;
}

/** One admin command. */
export interface CliCommand {
  /** `users:create`. */
  name: string;
  /** Required positional arguments, as shown in the usage line (`email`). */
  args: string[];
  /** Options besides `--json` and `--help`, by name without the dashes; any other is refused. */
  options?: Record<string, CliOption>;
  /** One line for the command list. */
  summary: string;
  /** Paragraphs for `<command> --help`: what it does, where input comes from, what it prints. */
  description: string;
  /**
   * Runs the command.
   * @returns the exit code (0 when omitted)
   * @throws UsageError (exit 2), CommandFailedError or any other error (exit 1)
   */
  run(ctx: CommandContext): Promise<number | void> | number | void;
}
