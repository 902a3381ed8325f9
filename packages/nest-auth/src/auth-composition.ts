import type { DynamicModule, Provider } from '@nestjs/common';
import { AccountRecoveryModule } from './account-recovery/account-recovery.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthController } from './auth.controller';
import { authCoreModule } from './auth-core.module';
import { MfaModule } from './mfa/mfa.module';
import { type AuthFeatures, isComposed } from './module/auth-features';
import { RbacModule } from './rbac/rbac.module';
import { SessionsModule } from './sessions/sessions.module';
import { JwksModule } from './tokens/jwks.module';
import { authRouterModule } from './module/auth-routes';
import { PasskeysModule } from './passkeys/passkeys.module';
import { AUTH_TIMED_CONTROLLERS, AuthRouteTiming } from './metrics/auth-route-timing';

/** Providers of the registering module itself (the stub's test helpers). */
export interface OwnProviders {
  providers?: Provider[];
  exports?: NonNullable<DynamicModule['exports']>;
}

/**
 * AuthModule as registered: the core (built from the definition's options provider) and the
 * feature modules `features` leaves on, all re-exported, with the login routes and the JWKS.
 */
export function composeAuthModule(
  definition: DynamicModule,
  features: AuthFeatures | undefined,
  own: OwnProviders = {},
): DynamicModule {
  const core = authCoreModule(definition, features);
  const rbac = RbacModule.register(core);
  const modules = [
    SessionsModule.register(core),
    rbac,
    ...(isComposed(features, 'mfa') ? [MfaModule.register(core)] : []),
    ...(isComposed(features, 'apiKeys') ? [ApiKeysModule.register(core, rbac)] : []),
    ...(isComposed(features, 'accountRecovery') ? [AccountRecoveryModule.register(core)] : []),
  ];
  // Under `basePath`: this module's login routes, the features', and PasskeysModule's when the
  // host imports it beside this one.
  const routed = [definition.module, ...modules.map((m) => m.module), PasskeysModule];
  return {
    module: definition.module,
    global: definition.global,
    imports: [core, ...modules, JwksModule.register(core), authRouterModule(core, routed)],
    controllers: [AuthController],
    providers: [
      AuthRouteTiming,
      {
        provide: AUTH_TIMED_CONTROLLERS,
        useValue: [AuthController, ...modules.flatMap((m) => m.controllers ?? [])],
      },
      ...(own.providers ?? []),
    ],
    exports: [core, ...modules, ...(own.exports ?? [])],
  };
}
