import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmUserStore } from './typeorm-user-store';
import { User } from './user.entity';
import { AdminController } from './admin.controller';
import { WhoamiController } from './whoami.controller';

/** The host's users feature: the `users` table and the `UserStore` the auth module is given,
 * `GET /whoami`, a route that needs only the principal, and `/admin/*`, guarded by role and
 * permission. */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [WhoamiController, AdminController],
  providers: [TypeOrmUserStore],
  exports: [TypeOrmUserStore],
})
export class UsersModule {}
