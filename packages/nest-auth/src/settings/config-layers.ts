import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { AuthSettingsOptions } from './auth-settings-options';
import { AuthConfigurationError, type ConfigProblem } from './auth-configuration.error';
import { authSettingsSchema } from './auth-settings.schema';
import { FORBIDDEN_KEY_REASON, FORBIDDEN_KEYS, forbiddenKeyPaths } from './forbidden-keys';
import { schemaDefaults } from './setting-catalog';
import { camelizeKeys, ENV_PREFIX, pathOfEnvSuffix } from './setting-names';

export type Layer = Record<string, unknown>;

/** The schema's defaults, the lowest layer: options, YAML and the environment override them. */
export function defaultLayer(): Layer {
  return schemaDefaults();
}

const SETTING_KEYS = Object.keys(authSettingsSchema.in.shape);

/** The settings given to `forRoot` / returned by a `forRootAsync` factory. */
export function optionsLayer(options: AuthSettingsOptions): Layer {
  // Only the settings: the options also carry stores, clients and the env they are read from.
  const layer = Object.fromEntries(
    SETTING_KEYS.map((key) => [key, (options as Record<string, unknown>)[key]]),
  );
  const forbidden = forbiddenKeyPaths(layer);
  if (forbidden.length > 0) {
    throw new AuthConfigurationError(
      forbidden.map((path) => ({
        variable: 'AuthModule options',
        message: `${path.join('.')} ${FORBIDDEN_KEY_REASON}`,
      })),
    );
  }
  return layer;
}

/** The `auth:` section of the YAML file, keys turned from snake_case to camelCase. */
export function yamlLayer(
  file: string | false | undefined,
  env: Record<string, string | undefined>,
): Layer {
  if (file === false) return {};
  const explicit = file ?? env.LEX_CONFIG_FILE;
  const path = resolve(explicit ?? 'config.yaml');
  if (!existsSync(path)) {
    if (explicit === undefined) return {};
    throw new AuthConfigurationError([
      {
        variable: 'LEX_CONFIG_FILE',
        message: `${path} does not exist; point it at a YAML file or unset it.`,
      },
    ]);
  }
  let document: unknown;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AuthConfigurationError([
      { variable: 'LEX_CONFIG_FILE', message: `${path} is not valid YAML: ${reason}` },
    ]);
  }
  const section = (document as { auth?: unknown } | null)?.auth;
  if (section === undefined || section === null) return {};
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new AuthConfigurationError([
      { variable: 'LEX_CONFIG_FILE', message: `${path}: "auth" must be a mapping of settings.` },
    ]);
  }
  refuseForbiddenYamlKeys(section, path);
  const layer = camelizeKeys(section) as Layer;
  // Role names are data, not setting names: `support_agent` stays `support_agent`.
  const roles = (section as Record<string, unknown>).roles;
  if (roles && typeof roles === 'object' && !Array.isArray(roles)) {
    layer.roles = Object.fromEntries(
      Object.entries(roles).map(([name, role]) => [name, camelizeKeys(role)]),
    );
  }
  return layer;
}

/** Checked on the file's own keys, before camelizeKeys would rename `__proto__`. */
function refuseForbiddenYamlKeys(section: object, file: string): void {
  const forbidden = forbiddenKeyPaths(section);
  if (forbidden.length === 0) return;
  throw new AuthConfigurationError(
    forbidden.map((keys) => ({
      variable: 'LEX_CONFIG_FILE',
      message: `${file}: auth.${keys.join('.')} ${FORBIDDEN_KEY_REASON}`,
    })),
  );
}

/** The forbidden keys a variable's name or JSON value holds, as problems naming the variable. */
function forbiddenInVariable(name: string, path: string[], value: string): ConfigProblem[] {
  const inName = path.filter((key) => FORBIDDEN_KEYS.has(key));
  const inValue = forbiddenKeyPaths(value).map((keys) => keys[keys.length - 1]);
  return [
    ...inName.map((key) => `the key "${key}" in its name ${FORBIDDEN_KEY_REASON}`),
    ...inValue.map((key) => `the key "${key}" in its JSON value ${FORBIDDEN_KEY_REASON}`),
  ].map((message) => ({ variable: name, message }));
}

/**
 * `LEX_AUTH__*` variables as a nested object, plus `LEX_ENV` (or `NODE_ENV`) as the environment.
 * @throws AuthConfigurationError naming every variable that holds a forbidden key
 */
export function envLayer(env: Record<string, string | undefined>): Layer {
  const layer: Layer = {};
  // An empty LEX_ENV (`LEX_ENV=` in a compose file) counts as unset: it must not hide NODE_ENV.
  const environment = env.LEX_ENV || env.NODE_ENV;
  if (environment !== undefined && environment !== '') layer.environment = environment;
  if (env.REDIS_URL) layer.redisUrl = env.REDIS_URL;
  if (env.SMTP_URL) layer.mail = { smtpUrl: env.SMTP_URL };
  const problems: ConfigProblem[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined) continue;
    const path = pathOfEnvSuffix(name.slice(ENV_PREFIX.length));
    const forbidden = forbiddenInVariable(name, path, value);
    if (forbidden.length > 0) problems.push(...forbidden);
    else setAt(layer, path, value);
  }
  if (problems.length > 0) throw new AuthConfigurationError(problems);
  return layer;
}

function setAt(layer: Layer, path: string[], value: string): void {
  let node = layer;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    node = (typeof next === 'object' && next !== null ? next : (node[key] = {})) as Layer;
  }
  node[path[path.length - 1]] = value;
}
