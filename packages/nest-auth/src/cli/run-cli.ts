import type { INestApplicationContext } from '@nestjs/common';
import { AuthError, PasswordPolicyError } from '../errors/auth.errors';
import type { CliCommand, CommandContext } from './cli-command';
import { parseCommandLine } from './cli-args';
import type { AuthCliHost } from './cli-host';
import { CommandFailedError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli-errors';
import { commandHelp, programHelp, usageOf } from './cli-help';
import { CliOutput } from './cli-output';
import { readPasswordFromStdin } from './read-secret';

/** What the dispatcher needs from the outside world; tests and `main.ts` supply it. */
export interface CliEnvironment {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  commands: readonly CliCommand[];
  /** What the host gave the CLI. @default {} (the module's own checks, no stores) */
  host?: AuthCliHost;
  /** Boots the Nest application context. */
  createApp: () => Promise<INestApplicationContext>;
  out?: (json: boolean) => CliOutput;
}

/** Finds the command, checks its arguments, runs it and maps the outcome to an exit code. */
export async function runCli(cli: CliEnvironment): Promise<number> {
  const makeOut = cli.out ?? ((json: boolean) => new CliOutput(json));
  let out = makeOut(false);
  try {
    const { name, command, positionals, flags } = parseCommandLine(cli.argv, cli.commands);
    out = makeOut(flags.json === true);
    if (!command) {
      if (name === 'help' || flags.help) return (out.line(programHelp(cli.commands)), EXIT_OK);
      return (out.error(programHelp(cli.commands)), EXIT_USAGE);
    }
    if (flags.help) return (out.line(commandHelp(command)), EXIT_OK);
    if (positionals.length !== command.args.length)
      throw new UsageError(
        `Expected ${command.args.length} argument(s).\nUsage: ${usageOf(command)}`,
      );
    return await runCommand(
      command,
      { argv: positionals, flags, env: cli.env, host: cli.host ?? {} },
      cli.createApp,
      out,
    );
  } catch (error) {
    return reportError(error, out, cli);
  }
}

async function runCommand(
  command: CliCommand,
  input: Pick<CommandContext, 'flags' | 'env' | 'host'> & { argv: string[] },
  createApp: () => Promise<INestApplicationContext>,
  out: CliOutput,
): Promise<number> {
  let app: Promise<INestApplicationContext> | undefined;
  const ctx: CommandContext = {
    args: input.argv,
    flags: input.flags,
    env: input.env,
    host: input.host,
    out,
    app: () => (app ??= createApp()),
    readPassword: () => readPasswordFromStdin(),
  };
  try {
    return (await command.run(ctx)) ?? EXIT_OK;
  } finally {
    // Closing the context closes the database and Redis connections, so the process can exit.
    if (app) await app.then((a) => a.close()).catch(() => undefined);
  }
}

function reportError(error: unknown, out: CliOutput, cli: CliEnvironment): number {
  if (error instanceof UsageError) {
    out.error(`error: ${error.message}`);
    return EXIT_USAGE;
  }
  const message =
    cli.host?.describeError?.(error, cli.env) ??
    (error instanceof Error ? error.message : String(error));
  const details =
    error instanceof PasswordPolicyError
      ? { violations: error.violations }
      : error instanceof CommandFailedError
        ? error.details
        : {};
  const name =
    error instanceof AuthError || error instanceof CommandFailedError ? error.name : 'Error';
  if (out.json) out.result({ error: name, message, ...details });
  out.error(`error: ${message}`);
  if (error instanceof PasswordPolicyError)
    for (const v of error.violations) out.error(`  - ${v.rule}: ${v.message}`);
  return EXIT_FAILURE;
}
