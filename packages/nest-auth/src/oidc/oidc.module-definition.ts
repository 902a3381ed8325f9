import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { OidcModuleOptions } from './oidc.options';

export const {
  ConfigurableModuleClass: ConfigurableOidcModule,
  MODULE_OPTIONS_TOKEN: OIDC_MODULE_OPTIONS,
} = new ConfigurableModuleBuilder<OidcModuleOptions>({ moduleName: 'Oidc' })
  .setClassMethodName('forRoot')
  .build();
