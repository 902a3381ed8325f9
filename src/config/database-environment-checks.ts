import type { AuthEnvironment, ConfigProblem } from '@lexigram/nest-auth';
import type { DatabaseConfig } from './app-config';

type Env = Record<string, string | undefined>;

const REQUIRED = ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASS', 'DB_NAME'] as const;

// Names an older config used. Setting one of them instead of DB_* is the usual reason a deployed
// app points at the wrong database, so the refusal names the rename.
const LEGACY: Record<string, string> = {
  DB_HOST: 'DATABASE_HOST',
  DB_USER: 'DATABASE_USER',
  DB_PASS: 'DATABASE_PASSWORD',
  DB_NAME: 'DATABASE_NAME',
  DB_PORT: 'DATABASE_PORT',
};

/**
 * Staging and production take no database fallback: PostgreSQL only, every DB_* set explicitly,
 * never `synchronize` (it can drop columns). Development and test are free.
 */
export function deployedDatabaseProblems(
  environment: AuthEnvironment,
  env: Env,
  database: DatabaseConfig,
): ConfigProblem[] {
  if (environment !== 'staging' && environment !== 'production') return [];
  const problems: ConfigProblem[] = [];
  if (database.type === 'sqlite') {
    problems.push({
      variable: 'DB_TYPE',
      message: `SQLite is for development and tests; ${environment} needs DB_TYPE=postgres.`,
    });
  }
  for (const name of REQUIRED) {
    if (env[name] !== undefined && env[name] !== '') continue;
    const legacy =
      env[LEGACY[name]] !== undefined ? ` (${LEGACY[name]} is set: rename it to ${name})` : '';
    problems.push({
      variable: name,
      message: `is required in ${environment}; no default is used${legacy}.`,
    });
  }
  if (database.synchronize) {
    problems.push({
      variable: 'DB_SYNCHRONIZE',
      message: `must not be true in ${environment}; apply schema changes with npm run migration:run.`,
    });
  }
  return problems;
}
