import { FeatureDisabledError } from '../errors/auth.errors';
import type { AuthConfig } from '../settings/auth-config';

/** 404 when MFA is switched off, so its routes look absent. */
export function assertMfaEnabled(config: AuthConfig): void {
  if (!config.mfa.enabled) throw new FeatureDisabledError('MFA');
}
