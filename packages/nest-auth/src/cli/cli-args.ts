import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliCommand } from './cli-command';
import { UsageError } from './cli-errors';
import { usageOf } from './cli-help';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A parsed command line: `<command> [positionals…] [--flag] [--option value]`. */
export interface CliArgs {
  /** The first argument that is not an option; undefined when there is none. */
  name: string | undefined;
  /** The command `name` names; undefined for no name and for `help`. */
  command: CliCommand | undefined;
  /** The positional arguments after the command name. */
  positionals: string[];
  /** `--json`, `--help`, and the command's own options (`--env production`). */
  flags: Record<string, string | true>;
}

/** Every command takes these. */
const GLOBAL_OPTIONS: Options = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** What `node:util` parseArgs accepts for this command: its own options and the global ones. */
function optionsOf(command: CliCommand | undefined): Options {
  const own = Object.entries(command?.options ?? {}).map(([name, o]) => [name, { type: o.type }]);
  return { ...Object.fromEntries(own), ...GLOBAL_OPTIONS } as Options;
}

/**
 * Splits argv (without `node` and the script) into command, positionals and flags. Strict: an
 * option the command does not declare is refused, so a typo (`--revoke-token`) never runs the
 * command without what the operator asked for.
 * @throws UsageError for an unknown command, an unknown option or a missing option value
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly CliCommand[],
): CliArgs {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const command = commands.find((c) => c.name === name);
  if (name !== undefined && name !== 'help' && !command)
    throw new UsageError(`Unknown command "${name}". Run with --help for the list.`);
  const options = optionsOf(command);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorOf(error, argv, options, command);
  }
  const flags = Object.entries(parsed.values).filter(([, v]) => v !== false && v !== undefined);
  return {
    name,
    command,
    positionals: parsed.positionals.slice(1),
    flags: Object.fromEntries(flags) as CliArgs['flags'],
  };
}

function usageErrorOf(
  error: unknown,
  argv: readonly string[],
  options: Options,
  command: CliCommand | undefined,
): UsageError {
  const usage = command ? `\nUsage: ${usageOf(command)}` : '';
  if ((error as { code?: unknown }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new UsageError(`${(error as Error).message}.${usage}`);
  const unknown = unknownOptions(argv, options);
  const valid = Object.keys(options).map((name) => `--${name}${name === 'help' ? ' (-h)' : ''}`);
  return new UsageError(
    `Unknown option${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}` +
      `${command ? ` for ${command.name}` : ''}. Valid options: ${valid.join(', ')}.${usage}`,
  );
}

/** Every option the command does not declare, as typed (`--revoke-token`, `-x`). */
function unknownOptions(argv: readonly string[], options: Options): string[] {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const unknown = tokens.flatMap((t) =>
    t.kind === 'option' && !Object.hasOwn(options, t.name) ? [t.rawName] : [],
  );
  return [...new Set(unknown)];
}
