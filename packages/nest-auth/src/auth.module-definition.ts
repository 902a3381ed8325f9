import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { AuthModuleOptions } from './options/auth-module-options';
import type { AuthFeatures } from './module/auth-features';
import { AUTH_MODULE_OPTIONS } from './module/auth-module-options.token';

/** Options accepted by `forRoot`/`forRootAsync` besides the module options. */
export interface AuthModuleExtras {
  /** Make the module's providers visible to every module of the host. @default true */
  isGlobal: boolean;
  /**
   * Which feature modules to compose; here rather than in the settings because routes are fixed
   * when the host's modules are scanned, before a `forRootAsync` factory runs. @default all
   */
  features: AuthFeatures;
}

export { AUTH_MODULE_OPTIONS };

export const {
  ConfigurableModuleClass: ConfigurableAuthModule,
  OPTIONS_TYPE: AUTH_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: AUTH_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AuthModuleOptions>({ optionsInjectionToken: AUTH_MODULE_OPTIONS })
  .setClassMethodName('forRoot')
  .setExtras<AuthModuleExtras>({ isGlobal: true, features: {} }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
