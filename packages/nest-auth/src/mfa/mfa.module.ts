import { type DynamicModule, Module } from '@nestjs/common';
import { MfaLoginGate } from './mfa-login-gate';
import { MfaLoginService } from './mfa-login.service';
import { MfaSecretCipher } from './mfa-secret-cipher';
import { MfaController } from './mfa.controller';
import { MfaHook } from './mfa.hook';
import { MFA_PROVIDERS } from './mfa.providers';
import { MfaService } from './mfa.service';
import { MfaStore } from './mfa.store';
import { hookProvider } from '../login/hook-provider';

/**
 * TOTP multi-factor authentication: enrolment and `/auth/mfa/*`, and the MFA step of every login
 * (the `MfaHook`). Composed by `AuthModule` unless `features.mfa` is `false`.
 */
@Module({})
export class MfaModule {
  /** @param core the module's shared services: what `AuthModule` composes it with */
  static register(core: DynamicModule): DynamicModule {
    return {
      module: MfaModule,
      imports: [core],
      controllers: [MfaController],
      providers: [...MFA_PROVIDERS, hookProvider(MfaHook, MfaLoginGate)],
      // MfaLoginService: for a host's own sign-in routes (the example host's pages); the cipher for
      // the stub's seeded TOTP users.
      exports: [MfaService, MfaStore, MfaLoginService, MfaSecretCipher],
    };
  }
}
