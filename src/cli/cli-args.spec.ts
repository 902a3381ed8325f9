import { parseArgs } from './cli-args';
import { UsageError } from './cli-errors';

describe('parseArgs', () => {
  it('splits the command, its positionals and flags', () => {
    expect(parseArgs(['users:show', 'a@b.c', '--json'])).toEqual({
      command: 'users:show',
      positionals: ['a@b.c'],
      flags: { json: true },
    });
  });

  it('reads --env from the next argument or after =', () => {
    expect(parseArgs(['config:check', '--env', 'production']).flags.env).toBe('production');
    expect(parseArgs(['config:check', '--env=staging']).flags.env).toBe('staging');
  });

  it('treats -h as --help', () => {
    expect(parseArgs(['doctor', '-h']).flags.help).toBe(true);
  });

  it('refuses --env without a value', () => {
    expect(() => parseArgs(['config:check', '--env'])).toThrow(UsageError);
  });
});
