import { Module } from '@nestjs/common';
import { TypeOrmUserStore } from '@lexigram/nest-auth/typeorm';
import { DataSource } from 'typeorm';
import { AdminController } from './admin.controller';
import { WhoamiController } from './whoami.controller';

/** The host's users feature: the module's ready `users` table and store (`@lexigram/nest-auth/typeorm`),
 * `GET /whoami`, a route that needs only the principal, and `/admin/*`, guarded by role and
 * permission. */
@Module({
  controllers: [WhoamiController, AdminController],
  providers: [
    {
      provide: TypeOrmUserStore,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new TypeOrmUserStore(dataSource),
    },
  ],
  exports: [TypeOrmUserStore],
})
export class UsersModule {}
