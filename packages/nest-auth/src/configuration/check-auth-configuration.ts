import type { AuthModuleOptions } from '../options/auth-module-options';
import type { ConfigProblem } from '../settings/auth-configuration.error';
import { resolveAuthConfig } from '../settings/load-auth-config';
import { tokenKeyProblems } from '../tokens/token-keys';
import { relyingPartyOf } from '../passkeys/passkey-relying-party';
import type { AuthConfig } from '../settings/auth-config';
import { AuthConfigurationError } from '../settings/auth-configuration.error';

/** The feature modules beside AuthModule that the host mounts, whose boot needs more settings. */
export interface MountedAuthFeatures {
  /** The host imports `PasskeysModule`: staging and production need its rp_id and origins. */
  passkeys?: boolean;
}

function passkeyModuleProblems(config: AuthConfig): ConfigProblem[] {
  if (!config.passkeys.enabled) return [];
  try {
    relyingPartyOf(config);
    return [];
  } catch (error) {
    if (error instanceof AuthConfigurationError) return error.problems;
    throw error;
  }
}

/**
 * Every problem of the auth configuration, found without connecting to anything: the settings,
 * the staging/production refusals and the token keys (RSA size, curve, a private key that is not
 * the public one's half, a PEM or file that cannot be read). A host calls it before it opens any
 * connection, so one failed boot lists everything to fix. `mounted` names the feature modules the
 * host imports, whose own settings are then checked too.
 */
export function checkAuthConfiguration(
  options: AuthModuleOptions = {},
  mounted: MountedAuthFeatures = {},
): ConfigProblem[] {
  const { config, problems } = resolveAuthConfig(options);
  if (!config) return problems;
  // A key the deployed checks already call missing would otherwise be reported twice.
  const named = new Set(problems.map((p) => p.variable));
  const keys = tokenKeyProblems(config.token).filter((p) => !named.has(p.variable));
  const passkeys = mounted.passkeys ? passkeyModuleProblems(config) : [];
  return [...problems, ...keys, ...passkeys];
}
