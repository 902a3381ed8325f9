import type { INestApplicationContext } from '@nestjs/common';
import { AuthConfigurationError } from '../../settings/auth-configuration.error';
import { loadAuthConfig } from '../../settings/load-auth-config';
import { type AuthConfig } from '../../settings/auth-config';
import type { AuthCliHost } from '../cli-host';
import { CONFIG_CHECKS } from './config-checks';
import { checkClock, checkPasswordHashes } from './database-checks';
import type { DoctorConfigInput, DoctorFinding } from './doctor-check';
import { checkConfiguration } from './host-configuration';
import { checkOidcProviders } from './oidc-check';
import { checkSmtp } from './smtp-check';
import { checkBlacklist, checkTracker, checkUserStore, USER_STORE_FIX } from './store-checks';

const RUNTIME_CHECKS = [
  checkUserStore,
  checkPasswordHashes,
  checkTracker,
  checkBlacklist,
  checkClock,
];
const RUNTIME_NAMES = [
  'user store',
  'password hashes',
  'login attempt tracker',
  'token blacklist',
  'clock',
];

/** The settings as development would read them, so deployed-only refusals do not hide the rest. */
function lenientConfig(env: Record<string, string | undefined>): AuthConfig | null {
  try {
    return loadAuthConfig({ env: { ...env, LEX_ENV: 'development', NODE_ENV: 'development' } });
  } catch (error) {
    if (error instanceof AuthConfigurationError) return null;
    throw error;
  }
}

function configInput(
  host: AuthCliHost,
  env: Record<string, string | undefined>,
): DoctorConfigInput {
  return { env, problems: checkConfiguration(host, env), config: lenientConfig(env) };
}

/** The checks that need only the environment: the module's, then the host's own. */
export function runConfigChecks(
  host: AuthCliHost,
  env: Record<string, string | undefined>,
): DoctorFinding[] {
  const input = configInput(host, env);
  return [...CONFIG_CHECKS, ...(host.configChecks ?? [])].map((check) => check(input));
}

/**
 * The services the app only calls on demand (the mail server, the OpenID providers), reached from
 * the settings.
 */
export async function runServiceChecks(
  host: AuthCliHost,
  env: Record<string, string | undefined>,
): Promise<DoctorFinding[]> {
  const input = configInput(host, env);
  const [smtp, oidc] = await Promise.all([checkSmtp(input), checkOidcProviders(input)]);
  return [smtp, ...oidc];
}

/**
 * The checks that need the running stores. When the app cannot start they are reported as
 * failed with the reason, instead of vanishing from the report.
 */
export async function runRuntimeChecks(
  host: AuthCliHost,
  app: () => Promise<INestApplicationContext>,
): Promise<DoctorFinding[]> {
  const userStoreFix = host.userStoreFix ?? USER_STORE_FIX;
  let context: INestApplicationContext;
  try {
    context = await app();
  } catch (error) {
    // Most often the database: the user store is the first thing the app connects to.
    const reason = error instanceof Error ? error.message : String(error);
    const fix = 'Fix the user store (or the configuration), then run doctor again.';
    return [
      {
        check: 'user store',
        status: 'fail',
        message: `the app could not start: ${reason}`,
        fix: userStoreFix,
      },
      ...RUNTIME_NAMES.slice(1).map((check): DoctorFinding => ({
        check,
        status: 'fail',
        message: 'not run: the app could not start',
        fix,
      })),
    ];
  }
  const findings: DoctorFinding[] = [];
  // One after another: each check is one small query, and the report reads in order.
  for (const check of RUNTIME_CHECKS) {
    try {
      const finding = await check(context);
      const ownFix = check === checkUserStore && finding.status === 'fail';
      findings.push(ownFix ? { ...finding, fix: userStoreFix } : finding);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      findings.push({ check: check.name, status: 'fail', message, fix: 'See the message.' });
    }
  }
  return findings;
}
