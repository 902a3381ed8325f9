import { Injectable } from '@nestjs/common';
import { AuthClock } from '../common/auth-clock';
import type { ClientInfo } from '../common/client-info';
import { MfaRequiredError } from '../errors/auth.errors';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthConfig } from '../settings/auth-config';
import type { AuthUser } from '../user-store/user-store';
import { clientBindingOf, newChallengeToken, sha256Hex } from './mfa-challenge';
import { MfaStore } from './mfa.store';
import { SecondFactorMethods } from '../login/second-factor-methods';

/**
 * The step of a login after the password: a user with TOTP enabled gets no tokens yet, but a
 * short-lived, single-use challenge to complete at `POST /auth/mfa/verify`. With `mfa.enabled`
 * off, nobody is asked for a second factor (enrolments are kept for when it is on again).
 */
@Injectable()
export class MfaLoginGate {
  constructor(
    private readonly store: MfaStore,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly log: AuthDecisionLogger,
    private readonly methods: SecondFactorMethods = new SecondFactorMethods(),
  ) {}

  /**
   * @throws MfaRequiredError (401, carrying `mfaChallenge` and the `methods` the user can answer
   * with) when the user has TOTP enabled
   */
  async requireSecondFactor(user: AuthUser, client: ClientInfo): Promise<void> {
    if (!this.config.mfa.enabled) return;
    const enrolment = await this.store.findEnrolment(user.id);
    if (!enrolment?.enabledAt) return;
    const token = newChallengeToken();
    await this.store.createChallenge({
      idHash: sha256Hex(token),
      userId: user.id,
      clientHash: clientBindingOf(client),
      expiresAt: new Date(this.clock.now() + this.config.mfa.challengeTtlSeconds * 1000),
    });
    this.log.decision({
      event: 'login',
      outcome: 'refused',
      reason: 'mfa_required',
      userId: user.id,
    });
    throw new MfaRequiredError(token, await this.methods.availableFor(user.id));
  }
}
