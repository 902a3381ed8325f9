import { AUTH_ENVIRONMENTS } from '../../settings/auth-settings';
import { AuthConfigurationError } from '../../settings/auth-configuration.error';
import { loadAuthConfig } from '../../settings/load-auth-config';
import type { CliCommand } from '../cli-command';
import { CommandFailedError, UsageError } from '../cli-errors';
import type { HostSetting } from '../cli-host';
import { flattenSettings } from '../flatten-settings';
import { maskSecrets } from '../mask-secrets';
import { checkConfiguration } from '../doctor/host-configuration';

export const configShow: CliCommand = {
  name: 'config:show',
  args: [],
  summary: 'Show the effective configuration and where each value came from',
  description:
    'Prints every auth setting with its source (default, options, yaml, env), then the host settings its --module lists. Secret keys, private keys and passwords (including the ones in REDIS_URL and SMTP_URL) are masked.',
  run({ env, host, out }) {
    let config;
    try {
      config = loadAuthConfig({ env });
    } catch (error) {
      if (!(error instanceof AuthConfigurationError)) throw error;
      throw new CommandFailedError(error.message, { problems: error.problems });
    }
    const { sources, ...settings } = config;
    const auth: HostSetting[] = Object.entries(
      flattenSettings(maskSecrets(settings) as Record<string, unknown>),
    ).map(([key, value]) => ({ key, value, source: sources[key] ?? 'default' }));
    const hostOwn = host.settings?.(env) ?? [];
    if (out.json) return out.result({ auth, host: hostOwn });
    for (const s of [...auth, ...hostOwn])
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
  run({ env, flags, host, out }) {
    const target = typeof flags.env === 'string' ? flags.env : undefined;
    if (target !== undefined && !AUTH_ENVIRONMENTS.includes(target as never))
      throw new UsageError(`--env must be one of ${AUTH_ENVIRONMENTS.join(', ')}.`);
    const checked = target ? { ...env, LEX_ENV: target } : env;
    const problems = checkConfiguration(host, checked);
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
