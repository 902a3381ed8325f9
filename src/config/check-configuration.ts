import { checkAuthConfiguration, type ConfigProblem } from '@lexigram/nest-auth';
import { loadAppConfig } from './load-app-config';

/**
 * Every configuration problem of the host and the auth module, token keys included, found before
 * anything connects, so one failed boot lists them all. The boot, `config:check` and `doctor` all
 * run this one function.
 */
export function checkConfiguration(env: Record<string, string | undefined>): ConfigProblem[] {
  // The example host mounts PasskeysModule (app.module.ts), so its settings are checked too.
  return [...loadAppConfig(env).problems, ...checkAuthConfiguration({ env }, { passkeys: true })];
}
