import { UsageError } from './cli-errors';

/** A parsed command line: `<command> [positionals…] [--flag] [--option value]`. */
export interface CliArgs {
  command: string | undefined;
  positionals: string[];
  /** `--json`, `--help`, and options with values (`--env production`). */
  flags: Record<string, string | true>;
}

/** Options that take a value; every other `--name` is a boolean flag. */
const VALUED_OPTIONS = new Set(['env']);

/** Splits argv (without `node` and the script) into command, positionals and flags. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') flags.help = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      if (!VALUED_OPTIONS.has(name)) flags[name] = inline ?? true;
      else {
        const value = inline ?? argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value.`);
        flags[name] = value;
      }
    } else positionals.push(arg);
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, flags };
}
