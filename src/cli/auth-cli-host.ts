import {
  type AuthCliHost,
  flattenSettings,
  type HostSetting,
  maskSecrets,
} from '@lexigram/nest-auth/cli';
import { checkConfiguration } from '../config/check-configuration';
import { loadAppConfig } from '../config/load-app-config';
import { databaseErrorProblem } from '../database/database-reachability';
import { CliModule } from './cli.module';
import { checkDatabaseNaming } from './database-naming.check';

/** The host's settings (AppConfig path) and the variable that sets each. */
const HOST_VARIABLES: Record<string, string> = {
  port: 'PORT',
  logLevel: 'LOG_LEVEL',
  httpAdapter: 'HTTP_ADAPTER',
  trustProxy: 'TRUST_PROXY',
  'database.type': 'DB_TYPE',
  'database.path': 'DB_PATH',
  'database.host': 'DB_HOST',
  'database.port': 'DB_PORT',
  'database.username': 'DB_USER',
  'database.password': 'DB_PASS',
  'database.database': 'DB_NAME',
  'database.synchronize': 'DB_SYNCHRONIZE',
};

/** The host's effective settings, each with the variable that sets it and its source. */
function hostSettings(env: Record<string, string | undefined>): HostSetting[] {
  const { config } = loadAppConfig(env);
  if (!config) return [];
  const values = flattenSettings(maskSecrets({ ...config }) as Record<string, unknown>);
  return Object.entries(HOST_VARIABLES)
    .filter(([path]) => path in values)
    .map(([path, variable]) => ({
      key: variable,
      value: values[path],
      source: env[variable] ? 'env' : 'default',
    }));
}

/**
 * The example host as the package's CLI sees it (`npx lexigram-auth --module
 * src/cli/auth-cli-host.ts …`, which `npm run cli` runs): its module, its whole boot check, its
 * DB_* variables in `config:show`, `doctor` and the database errors.
 */
export const authCliHost: AuthCliHost = {
  module: CliModule,
  checkConfiguration,
  settings: hostSettings,
  configChecks: [checkDatabaseNaming],
  userStoreFix:
    'Check DB_TYPE, DB_PATH or DB_HOST/DB_PORT/DB_USER/DB_PASS/DB_NAME and that the database is up.',
  describeError(error, env) {
    const problem = databaseErrorProblem(error, loadAppConfig(env).config?.database);
    return problem ? `${problem.variable}: ${problem.message}` : undefined;
  },
};
