import { checkAuthConfiguration } from '../../configuration/check-auth-configuration';
import { type ConfigProblem } from '../../settings/auth-configuration.error';
import type { AuthCliHost } from '../cli-host';

/** Every boot problem: the host's whole check when it gives one, else the module's own. */
export function checkConfiguration(
  host: AuthCliHost,
  env: Record<string, string | undefined>,
): ConfigProblem[] {
  return host.checkConfiguration?.(env) ?? checkAuthConfiguration({ env });
}
