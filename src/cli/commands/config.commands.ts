import { AUTH_ENVIRONMENTS, AuthConfigurationError, loadAuthConfig } from '@lexigram/nest-auth';
import { checkConfiguration } from '../../config/check-configuration';
import { loadAppConfig } from '../../config/load-app-config';
import type { CliCommand } from '../cli-command';
import { CommandFailedError, UsageError } from '../cli-errors';
import { maskSecrets } from '../mask-secrets';

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
function hostSettings(env: Record<string, string | undefined>): Setting[] {
  const { config } = loadAppConfig(env);
  if (!config) return [];
  const values = flatten(maskSecrets({ ...config }) as Record<string, unknown>);
  return Object.entries(HOST_VARIABLES)
    .filter(([path]) => path in values)
    .map(([path, variable]) => ({
      key: variable,
      value: values[path],
      source: env[variable] ? 'env' : 'default',
    }));
}

interface Setting {
  key: string;
  value: unknown;
  source: string;
}

/** `{token: {issuer: 'x'}}` → `{'token.issuer': 'x'}`; lists stay whole, as one variable sets them. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = prefix + key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date))
      Object.assign(out, flatten(v as Record<string, unknown>, `${path}.`));
    else out[path] = v;
  }
  return out;
}

export const configShow: CliCommand = {
  name: 'config:show',
  args: [],
  summary: 'Show the effective configuration and where each value came from',
  description:
    'Prints every auth setting with its source (default, options, yaml, env), then the host variables. Secret keys, private keys and passwords (including the ones in REDIS_URL and SMTP_URL) are masked.',
  run({ env, out }) {
    let config;
    try {
      config = loadAuthConfig({ env });
    } catch (error) {
      if (!(error instanceof AuthConfigurationError)) throw error;
      throw new CommandFailedError(error.message, { problems: error.problems });
    }
    const { sources, ...settings } = config;
    const auth: Setting[] = Object.entries(
      flatten(maskSecrets(settings) as Record<string, unknown>),
    ).map(([key, value]) => ({ key, value, source: sources[key] ?? 'default' }));
    const host = hostSettings(env);
    if (out.json) return out.result({ auth, host });
    for (const s of [...auth, ...host])
      out.line(`${s.key.padEnd(34)} ${JSON.stringify(s.value)}  [${s.source}]`);
  },
};

export const configCheck: CliCommand = {
  name: 'config:check',
  args: [],
  options: {
    env: {
      type: 'string',
      value: AUTH_ENVIRONMENTS.join('|'),
      description: 'check as this environment would boot (default: LEX_ENV, else NODE_ENV)',
    },
  },
  summary: 'Run the boot validation for an environment and list every problem with its fix',
  description:
    'Validates the current environment variables and YAML file as the app does at boot, with LEX_ENV set to --env (default: the current one), and prints every problem, not just the first, each naming the variable and how to fix it. Exits 1 when there is any problem.',
  run({ env, flags, out }) {
    const target = typeof flags.env === 'string' ? flags.env : undefined;
    if (target !== undefined && !AUTH_ENVIRONMENTS.includes(target as never))
      throw new UsageError(`--env must be one of ${AUTH_ENVIRONMENTS.join(', ')}.`);
    const checked = target ? { ...env, LEX_ENV: target } : env;
    const problems = checkConfiguration(checked);
    const environment = checked.LEX_ENV ?? checked.NODE_ENV ?? 'development';
    if (out.json) out.result({ environment, ok: problems.length === 0, problems });
    else if (problems.length === 0) out.line(`ok: the configuration is valid for ${environment}.`);
    else {
      out.line(`${problems.length} problem(s) for ${environment}:`);
      for (const p of problems) out.line(`  - ${p.variable}: ${p.message}`);
    }
    return problems.length === 0 ? 0 : 1;
  },
};
