/** One thing wrong with the configuration, and how to fix it. */
export interface ConfigProblem {
  /** The environment variable that sets the value (`LEX_AUTH__TOKEN__SECRET_KEY`). */
  variable: string;
  message: string;
}

/**
 * The configuration cannot run. Lists every problem, not just the first, each naming the variable
 * to change, so one boot attempt tells the operator everything.
 */
export class AuthConfigurationError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid auth configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'AuthConfigurationError';
  }
}
