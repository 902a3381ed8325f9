import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The session records behind `GET /auth/sessions` and `max_sessions_per_user`. Built with
 * `Table` so the same migration runs on SQLite and PostgreSQL.
 *
 * Names are written out, not imported: a migration records the schema it made, and renaming
 * a constant in the code must not change what it runs.
 */
export class AuthSessions1763900000101 implements MigrationInterface {
  name = 'AuthSessions1763900000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'user_agent', type: 'varchar', length: '512', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'last_used_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          { name: 'IDX_lex_auth_sessions_user_id', columnNames: ['user_id'] },
          { name: 'IDX_lex_auth_sessions_expires_at', columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_sessions');
  }
}
