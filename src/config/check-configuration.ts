import { AuthConfigurationError, type ConfigProblem, loadAuthConfig } from '../auth';
import { loadAppConfig } from './load-app-config';

/**
 * Every configuration problem of the host and the auth module, found before Nest starts, so one
 * failed boot lists them all.
 */
export function checkConfiguration(env: Record<string, string | undefined>): ConfigProblem[] {
  const { problems } = loadAppConfig(env);
  try {
    loadAuthConfig({ env });
  } catch (error) {
    if (!(error instanceof AuthConfigurationError)) throw error;
    problems.push(...error.problems);
  }
  return problems;
}
