import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuthClock } from '../common/auth-clock';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { MfaSecretCipher } from '../mfa/mfa-secret-cipher';
import { MfaStore } from '../mfa/mfa.store';
import { totpStep } from '../mfa/totp';
import { UserStore } from '../user-store/user-store';

/** A stub user that starts with TOTP on: the email and the base32 secret of its app. */
export interface StubTotpUser {
  email: string;
  totpSecret: string;
}

/**
 * Puts the stub's users in the state their options describe that the user store cannot hold:
 * a confirmed TOTP enrolment, so a host test can drive `MfaRequiredError` and `/auth/mfa/verify`.
 */
@Injectable()
export class AuthStubSeeder implements OnModuleInit {
  constructor(
    private readonly totpUsers: StubTotpUser[],
    private readonly users: UserStore,
    private readonly mfa: MfaStore,
    private readonly cipher: MfaSecretCipher,
    private readonly clock: AuthClock,
  ) {}

  async onModuleInit(): Promise<void> {
    const now = this.clock.now();
    for (const { email, totpSecret } of this.totpUsers) {
      const user = await this.users.findByEmail(normalizeIdentifier(email));
      if (!user) continue;
      const sealed = this.cipher.encrypt(totpSecret, user.id);
      await this.mfa.startEnrolment(user.id, sealed, new Date(now));
      // The step two before now counts as spent, so every code of the ±1 window is still good.
      await this.mfa.enable(user.id, sealed, totpStep(now) - 2, [], new Date(now));
    }
  }
}
