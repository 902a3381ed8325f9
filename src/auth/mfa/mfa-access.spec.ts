import { FeatureDisabledError } from '../errors/auth.errors';
import type { AuthConfig } from '../settings/auth-config';
import { assertMfaEnabled } from './mfa-access';

describe('assertMfaEnabled', () => {
  it('answers 404 FeatureDisabledError when mfa.enabled is off', () => {
    const config = (enabled: boolean) => ({ mfa: { enabled } }) as unknown as AuthConfig;
    expect(() => assertMfaEnabled(config(true))).not.toThrow();
    expect(() => assertMfaEnabled(config(false))).toThrow(FeatureDisabledError);
  });
});
