import { Module } from '@nestjs/common';
import { authModule } from '../app.module';
import { AppConfigModule } from '../config/app-config.module';
import { DatabaseModule } from '../database/database.module';
import { UsersModule } from '../users/users.module';

/**
 * The app's configuration, database, users and auth wiring without HTTP: the admin commands
 * reach the same stores, with the same settings, as the running service.
 */
@Module({ imports: [AppConfigModule, DatabaseModule, UsersModule, authModule] })
export class CliModule {}
