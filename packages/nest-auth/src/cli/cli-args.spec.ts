import { Writable } from 'node:stream';
import { parseCommandLine } from './cli-args';
import type { CliCommand } from './cli-command';
import { UsageError } from './cli-errors';
import { CliOutput } from './cli-output';
import { COMMANDS } from './commands';
import { runCli } from './run-cli';

/** A stream that keeps what is written to it (no I/O). */
class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the dispatcher; the app context must never be needed for a refused command line. */
async function run(argv: string[]) {
  const stdout = new Collected();
  const stderr = new Collected();
  const createApp = jest.fn(() => Promise.reject(new Error('the command ran')));
  const code = await runCli({
    argv,
    env: {},
    commands: COMMANDS,
    createApp,
    out: (json) => new CliOutput(json, stdout, stderr),
  });
  return {
    code,
    stdout: stdout.text,
    stderr: stderr.text,
    appStarted: createApp.mock.calls.length,
  };
}

const argsOf = (command: CliCommand): string[] => command.args.map((a) => `some-${a}`);
const validOf = (command: CliCommand): string[] => [
  ...Object.keys(command.options ?? {}).map((name) => `--${name}`),
  '--json',
  '--help (-h)',
];

describe('parseCommandLine', () => {
  it('splits the command, its positionals and flags', () => {
    expect(parseCommandLine(['users:show', 'a@b.c', '--json'], COMMANDS)).toMatchObject({
      name: 'users:show',
      command: expect.objectContaining({ name: 'users:show' }),
      positionals: ['a@b.c'],
      flags: { json: true },
    });
  });

  it('reads --env from the next argument or after =', () => {
    expect(parseCommandLine(['config:check', '--env', 'production'], COMMANDS).flags.env).toBe(
      'production',
    );
    expect(parseCommandLine(['config:check', '--env=staging'], COMMANDS).flags.env).toBe('staging');
  });

  it('treats -h as --help, before or after the command', () => {
    expect(parseCommandLine(['doctor', '-h'], COMMANDS).flags.help).toBe(true);
    expect(parseCommandLine(['-h'], COMMANDS)).toMatchObject({
      name: undefined,
      flags: { help: true },
    });
  });

  it('refuses --env without a value, and a value given to a switch', () => {
    expect(() => parseCommandLine(['config:check', '--env'], COMMANDS)).toThrow(
      /--env <value>' argument missing/,
    );
    expect(() => parseCommandLine(['doctor', '--json=yes'], COMMANDS)).toThrow(
      /'--json' does not take an argument/,
    );
  });

  it("refuses an option another command declares: --env is config:check's only", () => {
    expect(() => parseCommandLine(['doctor', '--env', 'production'], COMMANDS)).toThrow(
      'Unknown option --env for doctor. Valid options: --json, --help (-h).',
    );
  });

  it('names every unknown option at once', () => {
    expect(() =>
      parseCommandLine(['users:show', 'a@b.c', '--jsno', '-x', '--all'], COMMANDS),
    ).toThrow('Unknown options --jsno, -x, --all for users:show.');
  });

  it('refuses an unknown command before its options', () => {
    expect(() => parseCommandLine(['users:delete', '--force'], COMMANDS)).toThrow(
      new UsageError('Unknown command "users:delete". Run with --help for the list.'),
    );
  });
});

describe('strict options, per command', () => {
  it('users:grant --revoke-token (a typo of --revoke-tokens) exits 2 and grants nothing', async () => {
    const result = await run(['users:grant', 'bob@example.com', 'admin', '--revoke-token']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: Unknown option --revoke-token for users:grant. Valid options: --revoke-tokens, --json, --help (-h).',
    );
    expect(result.stderr).toContain(
      'Usage: lexigram-auth users:grant <email> <role> [--revoke-tokens] [--json]',
    );
    expect(result.appStarted).toBe(0);
  });

  describe.each(COMMANDS.map((c) => [c.name, c] as const))('%s', (name, command) => {
    it('refuses an unknown flag with exit 2, listing the valid ones, without running', async () => {
      const result = await run([name, ...argsOf(command), '--no-such-flag']);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `Unknown option --no-such-flag for ${name}. Valid options: ${validOf(command).join(', ')}.`,
      );
      expect(result.stdout).toBe('');
      expect(result.appStarted).toBe(0);
    });

    it('still shows its help with --help and -h, listing its options', async () => {
      for (const flag of ['--help', '-h']) {
        const result = await run([name, flag]);

        expect(result.code).toBe(0);
        expect(result.stdout).toContain(`Usage: lexigram-auth ${name}`);
        for (const option of Object.keys(command.options ?? {}))
          expect(result.stdout).toContain(`--${option}`);
        expect(result.appStarted).toBe(0);
      }
    });
  });
});
