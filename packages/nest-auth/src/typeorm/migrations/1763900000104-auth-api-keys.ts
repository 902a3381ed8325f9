import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The API keys table. Built with `Table`, so one migration serves SQLite and PostgreSQL.
 *
 * Names are written out, not imported: a migration records the schema it made, and renaming
 * a constant in the code must not change what it runs.
 */
export class AuthApiKeys1763900000104 implements MigrationInterface {
  name = 'AuthApiKeys1763900000104';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_api_keys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'prefix', type: 'varchar', length: '16' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'scopes', type: 'text' },
          { name: 'created_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint', isNullable: true },
          { name: 'last_used_at', type: 'bigint', isNullable: true },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          { name: 'UQ_lex_auth_api_keys_prefix', columnNames: ['prefix'], isUnique: true },
          { name: 'IDX_lex_auth_api_keys_user_id', columnNames: ['user_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_api_keys');
  }
}
