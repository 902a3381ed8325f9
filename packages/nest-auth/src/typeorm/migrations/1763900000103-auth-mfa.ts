import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * TOTP enrolments, hashed recovery codes and hashed login challenges (SQLite and PostgreSQL).
 *
 * Names are written out, not imported: a migration records the schema it made, and renaming
 * a constant in the code must not change what it runs.
 */
export class AuthMfa1763900000103 implements MigrationInterface {
  name = 'AuthMfa1763900000103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_mfa_totp',
        columns: [
          { name: 'user_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'sealed_secret', type: 'varchar', length: '512' },
          { name: 'enabled_at', type: 'bigint', isNullable: true },
          { name: 'last_used_step', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_mfa_recovery_codes',
        columns: [
          { name: 'user_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'code_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'used_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_mfa_challenges',
        columns: [
          { name: 'id_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'client_hash', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          { name: 'IDX_lex_auth_mfa_challenges_user_id', columnNames: ['user_id'] },
          { name: 'IDX_lex_auth_mfa_challenges_expires_at', columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_mfa_challenges');
    await queryRunner.dropTable('lex_auth_mfa_recovery_codes');
    await queryRunner.dropTable('lex_auth_mfa_totp');
  }
}
