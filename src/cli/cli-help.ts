import type { CliCommand } from './cli-command';

const PROGRAM = 'npm run cli --';

/** `users:create <email> [--json]`. */
export function usageOf(command: CliCommand): string {
  const args = command.args.map((a) => `<${a}>`).join(' ');
  return [PROGRAM, command.name, args, command.options, '[--json]'].filter(Boolean).join(' ');
}

/** The command list. */
export function programHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `Usage: ${PROGRAM} <command> [arguments] [--json] [--help]`,
    '',
    'Admin commands for Lexigram Auth, run with the same configuration (environment, config.yaml)',
    'and stores as the service.',
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
    '  --json   print the result as one JSON document on stdout',
    '  --help   show this help',
    'Exit codes: 0 ok, 1 the command failed, 2 usage error.',
  ].join('\n');
}
