import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Password-reset and email-verification tokens, stored as SHA-256 hashes. Built with `Table` so
 * the same migration runs on SQLite and PostgreSQL.
 *
 * Names are written out, not imported: a migration records the schema it made, and renaming
 * a constant in the code must not change what it runs.
 */
export class AuthOneTimeTokens1763900000102 implements MigrationInterface {
  name = 'AuthOneTimeTokens1763900000102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_one_time_tokens',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'purpose', type: 'varchar', length: '32' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [
          {
            name: 'IDX_lex_auth_one_time_tokens_user_purpose',
            columnNames: ['user_id', 'purpose'],
          },
          { name: 'IDX_lex_auth_one_time_tokens_expires_at', columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_one_time_tokens');
  }
}
