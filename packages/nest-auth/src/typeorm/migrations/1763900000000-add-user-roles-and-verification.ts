import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Roles (a JSON array in `text`, TypeORM's `simple-json`) and the email verification instant
 * (epoch ms, null until verified). Existing users get no roles and count as unverified.
 *
 * Names are written out, not imported: a migration records the schema it made, and renaming
 * a constant in the code must not change what it runs.
 */
export class AddUserRolesAndVerification1763900000000 implements MigrationInterface {
  name = 'AddUserRolesAndVerification1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'roles', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'email_verified_at', type: 'bigint', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('users', ['email_verified_at', 'roles']);
  }
}
