/** Exit codes of the admin CLI. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong (unknown command, missing argument): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran and could not do its job (unknown user, weak password): exit code 1. */
export class CommandFailedError extends Error {
  constructor(
    message: string,
    /** Machine-readable details for `--json`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandFailedError';
  }
}
