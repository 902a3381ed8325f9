import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { AuthModuleOptions } from './options/auth-module-options';

/** Options accepted by `forRoot`/`forRootAsync` besides the module options. */
export interface AuthModuleExtras {
  /** Make the module's providers visible to every module of the host. @default true */
  isGlobal: boolean;
}

export const {
  ConfigurableModuleClass: ConfigurableAuthModule,
  MODULE_OPTIONS_TOKEN: AUTH_MODULE_OPTIONS,
  OPTIONS_TYPE: AUTH_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: AUTH_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AuthModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<AuthModuleExtras>({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
