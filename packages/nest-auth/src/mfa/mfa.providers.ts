import type { Provider } from '@nestjs/common';
import { AUTH_MODULE_OPTIONS } from '../module/auth-module-options.token';
import { AuthClock } from '../common/auth-clock';
import { AuthConfig } from '../settings/auth-config';
import { createMfaStore, type MfaStoreOptions } from './create-mfa-store';
import { MfaCodeVerifier } from './mfa-code-verifier';
import { MfaLoginGate } from './mfa-login-gate';
import { MfaLoginService } from './mfa-login.service';
import { MfaSecretCipher } from './mfa-secret-cipher';
import { MfaService } from './mfa.service';
import { MfaStore } from './mfa.store';

/** The MFA feature's providers; AuthModule spreads them into its own. */
export const MFA_PROVIDERS: Provider[] = [
  {
    provide: MfaStore,
    inject: [AUTH_MODULE_OPTIONS, AuthConfig, AuthClock],
    useFactory: (o: MfaStoreOptions, c: AuthConfig, clock: AuthClock) =>
      createMfaStore(o, c, () => clock.now()),
  },
  {
    provide: MfaSecretCipher,
    inject: [AuthConfig],
    useFactory: (c: AuthConfig) => new MfaSecretCipher(c.secretKey),
  },
  MfaCodeVerifier,
  MfaLoginGate,
  MfaService,
  MfaLoginService,
];
