import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { AUTH_MODULE_OPTIONS } from '../module/auth-module-options.token';
import { AuthClock } from '../common/auth-clock';
import { SecondFactorMethods } from '../login/second-factor-methods';
import { AuthConfig } from '../settings/auth-config';
import { createPasskeyStore, type PasskeyStoreOptions } from './create-passkey-store';
import { PasskeyAssertionVerifier } from './passkey-assertion-verifier';
import { PasskeyAuthenticationService } from './passkey-authentication.service';
import { PasskeyChallenges } from './passkey-challenges';
import { PasskeyManagementService } from './passkey-management.service';
import { PasskeyRegistrationService } from './passkey-registration.service';
import { PasskeyStore } from './passkey-store';
import { PasskeysController } from './passkeys.controller';
import { PasskeysEnabledGuard } from './passkeys-enabled.guard';
import { PasskeysFeature } from './passkeys-feature';

/** What `PasskeysModule.forRoot` takes. */
export interface PasskeysModuleOptions {
  /** Replaces the store chosen by `store` (memory for `'memory'`, else the database). */
  passkeyStore?: PasskeyStore;
}

const PASSKEYS_MODULE_OPTIONS = Symbol('PASSKEYS_MODULE_OPTIONS');

/**
 * Passkeys (WebAuthn) beside AuthModule, which must be registered (it is global): import
 * `PasskeysModule.forRoot()` to get the `/auth/passkeys` routes; leave it out and they do not
 * exist. Settings are AuthModule's `passkeys.*`.
 */
@Module({})
export class PasskeysModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly config: AuthConfig,
    private readonly store: PasskeyStore,
    private readonly methods: SecondFactorMethods,
    @Inject(PASSKEYS_MODULE_OPTIONS) private readonly options: PasskeysModuleOptions,
  ) {}

  static forRoot(options: PasskeysModuleOptions = {}): DynamicModule {
    return {
      module: PasskeysModule,
      controllers: [PasskeysController],
      providers: [
        { provide: PASSKEYS_MODULE_OPTIONS, useValue: options },
        {
          provide: PasskeyStore,
          inject: [AUTH_MODULE_OPTIONS, AuthConfig, AuthClock],
          useFactory: (o: PasskeyStoreOptions, c: AuthConfig, clock: AuthClock) =>
            createPasskeyStore(options.passkeyStore, o, c, () => clock.now()),
        },
        {
          provide: PasskeysFeature,
          inject: [AuthConfig],
          useFactory: (c: AuthConfig) => new PasskeysFeature(c),
        },
        {
          provide: PasskeyChallenges,
          inject: [PasskeyStore, AuthConfig, AuthClock],
          useFactory: (s: PasskeyStore, c: AuthConfig, clock: AuthClock) =>
            new PasskeyChallenges(s, c, clock),
        },
        PasskeysEnabledGuard,
        PasskeyAssertionVerifier,
        PasskeyRegistrationService,
        PasskeyAuthenticationService,
        PasskeyManagementService,
      ],
      // The authentication service too: a host's own sign-in routes (the example host's pages).
      exports: [PasskeyStore, PasskeyManagementService, PasskeyAuthenticationService],
    };
  }

  /** Offers passkeys at the MFA step of a password login, to users who have one. */
  onModuleInit(): void {
    const { enabled, asSecondFactor } = this.config.passkeys;
    if (!enabled || !asSecondFactor || !this.config.mfa.enabled) return;
    this.methods.register('passkey', async (userId) => (await this.store.countByUser(userId)) > 0);
  }

  /** Stops the store's purge timer unless the host gave the store (then it is the host's). */
  onApplicationShutdown(): void {
    if (this.options.passkeyStore) return;
    (this.store as Partial<OnApplicationShutdown>).onApplicationShutdown?.();
  }
}
