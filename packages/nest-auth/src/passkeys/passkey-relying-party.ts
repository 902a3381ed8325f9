import type { AuthConfig } from '../settings/auth-config';
import { AuthConfigurationError, type ConfigProblem } from '../settings/auth-configuration.error';

/** Who the ceremonies are for: the effective rp_id, its name and the allowed origins. */
export interface RelyingParty {
  rpId: string;
  rpName: string;
  origins: string[];
}

const DEV_RP_ID = 'localhost';
const DEV_ORIGIN = 'http://localhost:3000';

/**
 * The relying party of `config.passkeys`: in development and test, unset values fall back to
 * `localhost` and `http://localhost:3000`; staging and production have no fallback.
 * @throws AuthConfigurationError naming each unset variable, in staging and production
 */
export function relyingPartyOf(config: AuthConfig): RelyingParty {
  const { rpId, rpName, origins } = config.passkeys;
  if (!config.isDeployed) {
    return { rpId: rpId ?? DEV_RP_ID, rpName, origins: origins.length ? origins : [DEV_ORIGIN] };
  }
  const problems: ConfigProblem[] = [];
  if (rpId === null) {
    problems.push({
      variable: 'LEX_AUTH__PASSKEYS__RP_ID',
      message: `PasskeysModule needs the site's domain in ${config.environment} (e.g. example.com), or set LEX_AUTH__PASSKEYS__ENABLED=false.`,
    });
  }
  if (origins.length === 0) {
    problems.push({
      variable: 'LEX_AUTH__PASSKEYS__ORIGINS',
      message: `PasskeysModule needs the https origins of the site in ${config.environment} (e.g. https://example.com), or set LEX_AUTH__PASSKEYS__ENABLED=false.`,
    });
  }
  if (problems.length > 0) throw new AuthConfigurationError(problems);
  return { rpId: rpId!, rpName, origins: [...origins] };
}
