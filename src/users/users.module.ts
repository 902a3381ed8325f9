import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmUserStore } from './typeorm-user-store';
import { User } from './user.entity';

/** The host's users feature: the `users` table and the `UserStore` the auth module is given. */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [TypeOrmUserStore],
  exports: [TypeOrmUserStore],
})
export class UsersModule {}
