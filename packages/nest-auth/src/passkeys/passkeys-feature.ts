import { AuthConfig } from '../settings/auth-config';
import { FeatureDisabledError } from '../errors/auth.errors';
import { type RelyingParty, relyingPartyOf } from './passkey-relying-party';

/**
 * Whether passkeys are on, and for which relying party. Built at boot, so staging and production
 * refuse to start without an rp_id and origins while passkeys are enabled.
 */
export class PasskeysFeature {
  private readonly relyingParty: RelyingParty | null;

  constructor(private readonly config: AuthConfig) {
    this.relyingParty = config.passkeys.enabled ? relyingPartyOf(config) : null;
  }

  /** @throws FeatureDisabledError (404) while `passkeys.enabled` is off */
  require(): RelyingParty {
    if (!this.relyingParty) throw new FeatureDisabledError('Passkeys');
    return this.relyingParty;
  }

  /** @throws FeatureDisabledError (404) unless passkeys may sign a user in on their own */
  requireFirstFactor(): RelyingParty {
    const rp = this.require();
    if (!this.config.passkeys.asFirstFactor) {
      throw new FeatureDisabledError('Signing in with a passkey alone');
    }
    return rp;
  }

  /** @throws FeatureDisabledError (404) unless passkeys may complete the MFA step (and MFA is on) */
  requireSecondFactor(): RelyingParty {
    const rp = this.require();
    if (!this.config.passkeys.asSecondFactor || !this.config.mfa.enabled) {
      throw new FeatureDisabledError('A passkey as the second factor');
    }
    return rp;
  }

  /** Whether the authenticator must verify the person on every ceremony. */
  get requiresUserVerification(): boolean {
    return this.config.passkeys.userVerification === 'required';
  }
}
