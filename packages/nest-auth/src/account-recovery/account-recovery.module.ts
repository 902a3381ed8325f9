import { type DynamicModule, Module } from '@nestjs/common';
import { MailDispatcher } from '../mail/mail-dispatcher';
import { Mailer } from '../mail/mailer';
import { OneTimeTokenStore } from '../one-time-tokens/one-time-token-store';
import { AccountRecoveryController } from './account-recovery.controller';
import { ACCOUNT_RECOVERY_PROVIDERS } from './account-recovery.providers';
import { EmailVerificationHook } from './email-verification.hook';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { hookProvider } from '../login/hook-provider';

/**
 * Password reset and email verification, the links they mail and their routes; a new account gets
 * its verification link through the `EmailVerificationHook`. Composed by `AuthModule` unless
 * `features.accountRecovery` is `false`; `password_reset.enabled` and `email_verification.enabled`
 * still switch each half off (404 `FeatureDisabledError`).
 */
@Module({})
export class AccountRecoveryModule {
  /** @param core the module's shared services: what `AuthModule` composes it with */
  static register(core: DynamicModule): DynamicModule {
    return {
      module: AccountRecoveryModule,
      imports: [core],
      controllers: [AccountRecoveryController],
      providers: [
        ...ACCOUNT_RECOVERY_PROVIDERS,
        hookProvider(EmailVerificationHook, EmailVerificationService),
      ],
      exports: [
        PasswordResetService,
        EmailVerificationService,
        OneTimeTokenStore,
        Mailer,
        MailDispatcher,
      ],
    };
  }
}
