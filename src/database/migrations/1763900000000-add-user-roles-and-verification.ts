import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { USERS_TABLE } from '../../users/user.entity';

/**
 * Roles (a JSON array in `text`, TypeORM's `simple-json`) and the email verification instant
 * (epoch ms, null until verified). Existing users get no roles and count as unverified.
 */
export class AddUserRolesAndVerification1763900000000 implements MigrationInterface {
  name = 'AddUserRolesAndVerification1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns(USERS_TABLE, [
      new TableColumn({ name: 'roles', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'email_verified_at', type: 'bigint', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns(USERS_TABLE, ['email_verified_at', 'roles']);
  }
}
