import type { ClientInfo } from '../common/client-info';
import { type AuthLifecycleHook, HOOK_ORDER } from '../login/auth-lifecycle-hook';
import type { AuthUser } from '../user-store/user-store';
import type { MfaLoginGate } from './mfa-login-gate';

/** The MFA step of a login: a user with TOTP enabled gets a challenge instead of tokens. */
export class MfaHook implements AuthLifecycleHook {
  readonly order = HOOK_ORDER.mfa;

  constructor(private readonly gate: MfaLoginGate) {}

  /** @throws MfaRequiredError (401, with `mfaChallenge`) */
  beforeSession(user: AuthUser, client: ClientInfo): Promise<void> {
    return this.gate.requireSecondFactor(user, client);
  }
}
