import { Injectable } from '@nestjs/common';
import { AuthService } from '../login/auth.service';
import { AuthClock } from '../common/auth-clock';
import type { ClientInfo } from '../common/client-info';
import { InvalidMfaCodeError } from '../errors/auth.errors';
import type { TokenPair } from '../tokens/token-claims';
import { UserStore } from '../user-store/user-store';
import { clientBindingOf, sameDigest, sha256Hex } from './mfa-challenge';
import { CHALLENGE_GONE, MfaCodeVerifier } from './mfa-code-verifier';
import { MfaStore } from './mfa.store';

/** Completes a login that `MfaLoginGate` held back, with the challenge and a code. */
@Injectable()
export class MfaLoginService {
  constructor(
    private readonly store: MfaStore,
    private readonly codes: MfaCodeVerifier,
    private readonly users: UserStore,
    private readonly auth: AuthService,
    private readonly clock: AuthClock,
  ) {}

  /**
   * A wrong code leaves the challenge open for another try (each counts toward the lockout); a
   * right one spends it, so one challenge starts at most one session.
   * @throws InvalidMfaCodeError (401) for a wrong code or an unknown, expired, spent or foreign
   * challenge; AccountLockedError (423)
   */
  async verify(challenge: string, code: string, client: ClientInfo): Promise<TokenPair> {
    const now = new Date(this.clock.now());
    const idHash = sha256Hex(challenge);
    const record = await this.store.findChallenge(idHash, now);
    if (!record || !sameDigest(record.clientHash, clientBindingOf(client))) {
      throw new InvalidMfaCodeError(CHALLENGE_GONE);
    }
    const user = await this.users.findById(record.userId);
    const enrolment = user ? await this.store.findEnrolment(user.id) : null;
    if (!user || !enrolment?.enabledAt) throw new InvalidMfaCodeError(CHALLENGE_GONE);
    await this.codes.spend(user, enrolment, code, 'mfa_verify', () =>
      this.store.consumeChallenge(idHash, new Date(this.clock.now())),
    );
    return this.auth.startSession(user, client);
  }
}
