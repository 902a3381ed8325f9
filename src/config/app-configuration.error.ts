import type { ConfigProblem } from '@lexigram/nest-auth';

/** The host's configuration cannot run; lists every problem with the variable to change. */
export class AppConfigurationError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'AppConfigurationError';
  }
}
