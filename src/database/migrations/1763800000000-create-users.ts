import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { USERS_EMAIL_UNIQUE, USERS_TABLE } from '../../users/user.entity';

/**
 * The `users` table. Built with `Table` so one migration serves SQLite and PostgreSQL; the
 * timestamps are epoch milliseconds in `bigint` columns, the one form both store alike (see
 * `epochMsDateTransformer`), set by the code on every write.
 */
export class CreateUsers1763800000000 implements MigrationInterface {
  name = 'CreateUsers1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: USERS_TABLE,
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
        uniques: [{ name: USERS_EMAIL_UNIQUE, columnNames: ['email'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(USERS_TABLE);
  }
}
