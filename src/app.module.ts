import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import {
  AuthExceptionFilter,
  AuthModule,
  JwtAuthGuard,
  OidcModule,
  PasskeysModule,
} from '@lexigram/nest-auth';
import { TypeOrmUserStore } from '@lexigram/nest-auth/typeorm';
import { loggerOptions } from './bootstrap/logger-options';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { PagesModule } from './pages/pages.module';
import { UsersModule } from './users/users.module';

/**
 * The host's auth wiring, kept in a constant: Nest matches `overrideModule` targets by reference,
 * so a host test replaces exactly this object: `.overrideModule(authModule).useModule(AuthModule.stub())`.
 */
export const authModule = AuthModule.forRootAsync({
  imports: [UsersModule],
  inject: [DataSource, TypeOrmUserStore],
  useFactory: (dataSource: DataSource, userStore: TypeOrmUserStore) => ({ dataSource, userStore }),
});

@Module({
  imports: [
    AppConfigModule,
    // The auth module emits its audit events here (auth.login.failed, …); without it they are dropped.
    EventEmitterModule.forRoot(),
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerOptions }),
    DatabaseModule,
    UsersModule,
    authModule,
    // Sign-in through the providers of auth.oidc.providers; leave it out and the routes do not exist.
    OidcModule.forRootAsync({
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => ({ dataSource }),
    }),
    // Passkeys beside the auth module; settings under LEX_AUTH__PASSKEYS__*. Leave it out: no routes.
    PasskeysModule.forRoot(),
    HealthModule,
    MetricsModule,
    // Sign-in, account and the emailed links' pages (docs/guides/pages.md).
    PagesModule,
  ],
  providers: [
    // Every route requires a bearer token unless marked @Public().
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_FILTER, useExisting: AuthExceptionFilter },
  ],
})
export class AppModule {}
