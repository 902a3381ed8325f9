import { LoginAttemptTracker } from '../../login-attempt-tracker/login-attempt-tracker';
import { normalizeIdentifier } from '../../common/normalize-identifier';
import type { CliCommand } from '../cli-command';

export const lockoutStatus: CliCommand = {
  name: 'lockout:status',
  args: ['email'],
  summary: 'Show failed attempts and the lock of an identifier',
  description:
    'Prints the failed login attempts counted in the current window and when the lock ends. Works for identifiers with no account too: unknown emails are tracked like known ones.',
  async run({ args, app, out }) {
    const identifier = normalizeIdentifier(args[0]);
    const status = await (await app()).get(LoginAttemptTracker).status(identifier);
    out.result({
      identifier,
      attempts: status.attempts,
      locked: status.lockedUntil !== null,
      lockedUntil: status.lockedUntil?.toISOString() ?? null,
    });
  },
};

export const lockoutClear: CliCommand = {
  name: 'lockout:clear',
  args: ['email'],
  summary: "Clear an identifier's failed attempts and lock (tracker.clear)",
  description:
    "Forgets the identifier's failed attempts and ends its lock at once, on every instance sharing the store. The next login is checked normally.",
  async run({ args, app, out }) {
    const identifier = normalizeIdentifier(args[0]);
    await (await app()).get(LoginAttemptTracker).clear(identifier);
    out.result({ identifier, cleared: true });
  },
};
