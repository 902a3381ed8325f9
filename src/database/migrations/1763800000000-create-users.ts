import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { USERS_EMAIL_UNIQUE, USERS_TABLE } from '../../users/user.entity';

/**
 * The `users` table. Built with `Table` so one migration serves SQLite and PostgreSQL; only the
 * timestamp type differs: `timestamptz` on PostgreSQL (an instant, whatever the server's zone),
 * `datetime` (UTC text, TypeORM's mapping) on SQLite. The code sets both timestamps itself; the
 * defaults only serve rows written by hand.
 */
export class CreateUsers1763800000000 implements MigrationInterface {
  name = 'CreateUsers1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = timestampColumn(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: USERS_TABLE,
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'created_at', ...timestamp },
          { name: 'updated_at', ...timestamp },
        ],
        uniques: [{ name: USERS_EMAIL_UNIQUE, columnNames: ['email'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(USERS_TABLE);
  }
}

/** Type and default of a timestamp column; the defaults are the ones TypeORM maps per driver. */
function timestampColumn(queryRunner: QueryRunner): { type: string; default: string } {
  return queryRunner.connection.driver.options.type === 'postgres'
    ? { type: 'timestamptz', default: 'now()' }
    : { type: 'datetime', default: "datetime('now')" };
}
