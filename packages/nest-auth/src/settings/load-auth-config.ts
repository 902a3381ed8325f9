import type { z } from 'zod';
import { AuthConfig, type SettingSource } from './auth-config';
import { AuthConfigurationError, type ConfigProblem } from './auth-configuration.error';
import type { AuthSettingsOptions, ConfigSourceOptions } from './auth-settings-options';
import { authSettingsSchema } from './auth-settings.schema';
import { defaultLayer, envLayer, type Layer, optionsLayer, yamlLayer } from './config-layers';
import { deployedEnvironmentProblems } from './environment-checks';
import { mergeLayers } from './merge-layers';
import { envNameOf, yamlKeyOf } from './setting-names';

function toProblems(issues: z.core.$ZodIssue[], sources: Record<string, string>): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...issue.path, key])
        : [issue.path];
    return paths.map((path) => {
      const source = sourceOf(path, sources);
      const where = `YAML ${yamlKeyOf(path as string[])}`;
      const message =
        issue.code === 'unrecognized_keys'
          ? `is not a setting (also checked as ${where}); remove it or fix its spelling.`
          : `${issue.message}${source ? ` (value from ${source === 'yaml' ? where : source})` : ''}.`;
      return { variable: envNameOf(path as string[]), message: itemOf(path) + message };
    });
  });
}

/** A list is set whole, so its items' source is the list's. */
function sourceOf(path: PropertyKey[], sources: Record<string, string>): string | undefined {
  const end = path.findIndex((p) => typeof p === 'number');
  return sources[(end === -1 ? path : path.slice(0, end)).join('.')];
}

/** `[1].retired_at: ` for a problem inside a list of objects, which one variable sets whole. */
function itemOf(path: PropertyKey[]): string {
  const index = path.findIndex((p) => typeof p === 'number');
  if (index === -1 || index === path.length - 1) return '';
  const field = yamlKeyOf(path.slice(index + 1) as string[]).replace(/^auth\./, '');
  return `[${String(path[index])}].${field}: `;
}

/** What the configuration is resolved from: the settings, where else to read them, the host's extras. */
export interface AuthConfigInput extends AuthSettingsOptions, ConfigSourceOptions {
  /** A mailer of the host's own: staging and production then need no SMTP server. */
  mailer?: unknown;
}

/** Every layer, lowest precedence first; the problems of all of them at once. */
function readLayers(
  options: AuthConfigInput,
  env: Record<string, string | undefined>,
): [SettingSource, Layer][] {
  const problems: ConfigProblem[] = [];
  const read = (build: () => Layer): Layer => {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof AuthConfigurationError)) throw error;
      problems.push(...error.problems);
      return {};
    }
  };
  const given: [SettingSource, Layer] = ['options', read(() => optionsLayer(options))];
  const deployment: [SettingSource, Layer][] = [
    ['yaml', read(() => yamlLayer(options.configFile, env))],
    ['env', read(() => envLayer(env))],
  ];
  const layers: [SettingSource, Layer][] =
    (options.allowEnvOverrides ?? true)
      ? [['default', defaultLayer()], given, ...deployment]
      : [['default', defaultLayer()], ...deployment, given];
  if (problems.length > 0) throw new AuthConfigurationError(problems);
  return layers;
}

/**
 * The validated auth configuration and every problem found on the way, without throwing. `config`
 * is there whenever the settings parse, even when staging or production refuse them, so later
 * checks (the token keys) still run and every problem is listed at once.
 */
export function resolveAuthConfig(options: AuthConfigInput = {}): {
  config?: AuthConfig;
  problems: ConfigProblem[];
} {
  const env = options.env ?? process.env;
  let layers: [SettingSource, Layer][];
  try {
    layers = readLayers(options, env);
  } catch (error) {
    if (!(error instanceof AuthConfigurationError)) throw error;
    return { problems: error.problems };
  }
  const { merged, sources } = mergeLayers(layers);
  const parsed = authSettingsSchema.safeParse(merged);
  if (!parsed.success) return { problems: toProblems(parsed.error.issues, sources) };

  const settings = parsed.data;
  const problems = deployedEnvironmentProblems(settings, { hostMailer: Boolean(options.mailer) });
  return { config: new AuthConfig(settings, sources), problems };
}

/**
 * Resolves the auth configuration: built-in defaults < options < YAML file < environment (with
 * `allowEnvOverrides: false`, defaults < YAML file < environment < options), then validates it and
 * refuses insecure settings in staging and production.
 * @throws AuthConfigurationError listing every problem
 */
export function loadAuthConfig(options: AuthConfigInput = {}): AuthConfig {
  const { config, problems } = resolveAuthConfig(options);
  if (!config || problems.length > 0) throw new AuthConfigurationError(problems);
  return config;
}
