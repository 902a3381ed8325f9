import type { AuthConfig } from '../../settings/auth-config';
import type { ConfigProblem } from '../../settings/auth-configuration.error';

export type DoctorStatus = 'ok' | 'warn' | 'fail';

/** One line of the doctor's report. */
export interface DoctorFinding {
  check: string;
  status: DoctorStatus;
  /** What was found. */
  message: string;
  /** What to do about it; absent when the status is ok. */
  fix?: string;
}

/** What the configuration checks look at: the environment, as the app would read it. */
export interface DoctorConfigInput {
  env: Record<string, string | undefined>;
  /** Every boot problem of this environment (see checkConfiguration). */
  problems: ConfigProblem[];
  /** The auth settings without the staging/production refusals; null when they do not parse. */
  config: AuthConfig | null;
}

export const ok = (check: string, message: string): DoctorFinding => ({
  check,
  status: 'ok',
  message,
});

/** The boot problems that concern one of `variables`. */
export function problemsOf(input: DoctorConfigInput, variables: string[]): ConfigProblem[] {
  return input.problems.filter((p) => variables.includes(p.variable));
}

/** A fail finding made of boot problems, each with the fix its message gives. */
export function failFromProblems(check: string, problems: ConfigProblem[]): DoctorFinding {
  return {
    check,
    status: 'fail',
    message: problems.map((p) => `${p.variable}: ${p.message}`).join(' '),
    fix: 'Change the variable(s) named above; `config:check` lists every boot problem.',
  };
}
