import type { CliCommand, CliOption } from './cli-command';

const PROGRAM = 'lexigram-auth';

/** `--env <development|test|staging|production>`, `--revoke-tokens`. */
const optionSyntax = (name: string, option: CliOption): string =>
  option.type === 'string' ? `--${name} <${option.value ?? 'value'}>` : `--${name}`;

/** `users:grant <email> <role> [--revoke-tokens] [--json]`. */
export function usageOf(command: CliCommand): string {
  const args = command.args.map((a) => `<${a}>`).join(' ');
  const options = Object.entries(command.options ?? {}).map(([n, o]) => `[${optionSyntax(n, o)}]`);
  return [PROGRAM, command.name, args, ...options, '[--json]'].filter(Boolean).join(' ');
}

/** The options section of a command's help, its own options first. */
function optionLines(command: CliCommand): string[] {
  const rows: [string, string][] = [
    ...Object.entries(command.options ?? {}).map(([n, o]): [string, string] => [
      optionSyntax(n, o),
      o.description,
    ]),
    ['--json', 'print the result as one JSON document on stdout'],
    ['--help, -h', 'show this help'],
  ];
  const width = Math.max(...rows.map(([syntax]) => syntax.length)) + 3;
  return rows.map(([syntax, text]) => `  ${syntax.padEnd(width)}${text}`);
}

/** The command list. */
export function programHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `Usage: ${PROGRAM} [--module <file>] <command> [arguments] [--json] [--help]`,
    '',
    'Admin commands for Lexigram Auth, run with the same configuration (environment, config.yaml)',
    'and stores as the service. --module (or LEX_AUTH_CLI_MODULE) names the file exporting the',
    "app's AuthCliHost or Nest module; the config commands need none.",
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run \`${PROGRAM} <command> --help\` for a command's details.`,
    'Exit codes: 0 ok, 1 the command failed, 2 usage error.',
  ].join('\n');
}

/** One command's help. */
export function commandHelp(command: CliCommand): string {
  return [
    `Usage: ${usageOf(command)}`,
    '',
    command.summary + '.',
    '',
    command.description,
    '',
    'Options:',
    ...optionLines(command),
    'Unknown options are refused (exit 2).',
    'Exit codes: 0 ok, 1 the command failed, 2 usage error.',
  ].join('\n');
}
