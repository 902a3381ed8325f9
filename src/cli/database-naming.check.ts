import {
  type DoctorConfigInput,
  type DoctorFinding,
  failFromProblems,
  ok,
  problemsOf,
} from '@lexigram/nest-auth/cli';

/** `DATABASE_*` names from an older config are ignored silently: the app misses its database. */
export function checkDatabaseNaming(input: DoctorConfigInput): DoctorFinding {
  const leftovers = Object.keys(input.env).filter((name) => name.startsWith('DATABASE_'));
  const problems = problemsOf(input, [
    'DB_TYPE',
    'DB_HOST',
    'DB_PORT',
    'DB_USER',
    'DB_PASS',
    'DB_NAME',
    'DB_PATH',
    'DB_SYNCHRONIZE',
  ]);
  if (leftovers.length > 0) {
    return {
      check: 'database naming',
      status: 'fail',
      message: `${leftovers.join(', ')} ${leftovers.length === 1 ? 'is' : 'are'} set, but the app reads only DB_* names`,
      fix: `Rename: ${leftovers.map((name) => `${name} → ${name.replace(/^DATABASE_/, 'DB_').replace(/PASSWORD$/, 'PASS')}`).join(', ')}.`,
    };
  }
  if (problems.length > 0) return failFromProblems('database naming', problems);
  return ok('database naming', `DB_TYPE=${input.env.DB_TYPE ?? 'sqlite'}; no DATABASE_* leftovers`);
}
