import type { Provider } from '@nestjs/common';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { AUTH_MODULE_OPTIONS } from '../module/auth-module-options.token';
import { AuthService } from '../login/auth.service';
import { AuthClock } from '../common/auth-clock';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { createMailer, type MailerOptions } from '../mail/create-mailer';
import { MailDispatcher } from '../mail/mail-dispatcher';
import { Mailer } from '../mail/mailer';
import { AuthMetrics } from '../metrics/auth-metrics';
import {
  createOneTimeTokenStore,
  type OneTimeTokenStoreOptions,
} from '../one-time-tokens/create-one-time-token-store';
import { OneTimeTokenStore } from '../one-time-tokens/one-time-token-store';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordPolicy } from '../passwords/password-policy';
import type { RateLimit } from '../settings/auth-settings';
import { AuthConfig } from '../settings/auth-config';
import { UserStore } from '../user-store/user-store';
import { EmailVerificationService } from './email-verification.service';
import { LinkMailer } from './link-mailer';
import { PasswordResetService } from './password-reset.service';
import { RecipientMailBudget } from './recipient-mail-budget';
import { RecoveryFeatureGuard } from './recovery-feature.guard';
import {
  LINK_THROTTLER_OPTIONS,
  LinkThrottlerGuard,
  MAIL_THROTTLER_OPTIONS,
  MailThrottlerGuard,
} from './recovery-throttler.guard';

const O = AUTH_MODULE_OPTIONS;

const throttlerOptions = (name: string, { limit, ttlSeconds }: RateLimit) => ({
  throttlers: [{ name, limit, ttl: ttlSeconds * 1000 }],
});

/** Password reset, email verification and the mail they send. */
export const ACCOUNT_RECOVERY_PROVIDERS: Provider[] = [
  {
    provide: OneTimeTokenStore,
    inject: [O, AuthConfig, AuthClock],
    useFactory: (o: OneTimeTokenStoreOptions, c: AuthConfig, clock: AuthClock) =>
      createOneTimeTokenStore(o, c, () => clock.now()),
  },
  {
    provide: Mailer,
    inject: [O, AuthConfig],
    useFactory: (o: MailerOptions, c: AuthConfig) => createMailer(o, c),
  },
  { provide: MailDispatcher, useFactory: () => new MailDispatcher() },
  {
    provide: RecipientMailBudget,
    inject: [getStorageToken(), AuthConfig],
    useFactory: (storage: ThrottlerStorage, c: AuthConfig) =>
      new RecipientMailBudget(storage, c.mail.rateLimit),
  },
  {
    provide: LinkMailer,
    inject: [OneTimeTokenStore, Mailer, AuthConfig],
    useFactory: (...deps: ConstructorParameters<typeof LinkMailer>) => new LinkMailer(...deps),
  },
  {
    provide: EmailVerificationService,
    inject: [
      UserStore,
      OneTimeTokenStore,
      LinkMailer,
      MailDispatcher,
      AuthConfig,
      AuthClock,
      AuthDecisionLogger,
      RecipientMailBudget,
    ],
    useFactory: (...deps: ConstructorParameters<typeof EmailVerificationService>) =>
      new EmailVerificationService(...deps),
  },
  {
    provide: PasswordResetService,
    inject: [
      UserStore,
      OneTimeTokenStore,
      LinkMailer,
      MailDispatcher,
      PasswordPolicy,
      PasswordHasher,
      AuthService,
      LoginAttemptTracker,
      AuthConfig,
      AuthClock,
      AuthMetrics,
      AuthEventPublisher,
      AuthDecisionLogger,
      RecipientMailBudget,
    ],
    useFactory: (...deps: ConstructorParameters<typeof PasswordResetService>) =>
      new PasswordResetService(...deps),
  },
  {
    provide: MAIL_THROTTLER_OPTIONS,
    inject: [AuthConfig],
    useFactory: (c: AuthConfig) => throttlerOptions('mail', c.mail.rateLimit),
  },
  {
    provide: LINK_THROTTLER_OPTIONS,
    inject: [AuthConfig],
    useFactory: (c: AuthConfig) => throttlerOptions('link', c.loginRateLimit),
  },
  MailThrottlerGuard,
  LinkThrottlerGuard,
  RecoveryFeatureGuard,
];
