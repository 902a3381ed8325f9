import type { AuthModuleOptions } from './auth.options';
import type { ConfigProblem } from './settings/auth-configuration.error';
import { resolveAuthConfig } from './settings/load-auth-config';
import { tokenKeyProblems } from './tokens/token-keys';

/**
 * Every problem of the auth configuration, found without connecting to anything: the settings,
 * the staging/production refusals and the token keys (RSA size, curve, a private key that is not
 * the public one's half, a PEM or file that cannot be read). A host calls it before it opens any
 * connection, so one failed boot lists everything to fix.
 */
export function checkAuthConfiguration(options: AuthModuleOptions = {}): ConfigProblem[] {
  const { config, problems } = resolveAuthConfig(options);
  if (!config) return problems;
  // A key the deployed checks already call missing would otherwise be reported twice.
  const named = new Set(problems.map((p) => p.variable));
  const keys = tokenKeyProblems(config.token).filter((p) => !named.has(p.variable));
  return [...problems, ...keys];
}
