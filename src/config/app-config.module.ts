import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { loadAppConfig } from './load-app-config';
import { AppConfigurationError } from './app-configuration.error';

/** Provides `AppConfig` from the environment; fails the boot on any problem. */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      useFactory: (): AppConfig => {
        const { config, problems } = loadAppConfig(process.env);
        if (!config || problems.length > 0) throw new AppConfigurationError(problems);
        return config;
      },
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
