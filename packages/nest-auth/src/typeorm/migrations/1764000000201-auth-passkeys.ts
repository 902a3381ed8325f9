import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The passkeys and passkey-challenge tables. Built with `Table`, so one migration serves SQLite
 * and PostgreSQL. Names are written out, not imported: a migration records the schema it made.
 */
export class AuthPasskeys1764000000201 implements MigrationInterface {
  name = 'AuthPasskeys1764000000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_passkeys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'credential_id', type: 'varchar', length: '1400' },
          { name: 'public_key', type: 'text' },
          { name: 'counter', type: 'bigint' },
          { name: 'transports', type: 'text' },
          { name: 'device_type', type: 'varchar', length: '16' },
          { name: 'backed_up', type: 'boolean' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'bigint' },
          { name: 'last_used_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          {
            name: 'UQ_lex_auth_passkeys_credential_id',
            columnNames: ['credential_id'],
            isUnique: true,
          },
          { name: 'IDX_lex_auth_passkeys_user_id', columnNames: ['user_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_passkey_challenges',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'challenge_hash', type: 'varchar', length: '64' },
          { name: 'purpose', type: 'varchar', length: '16' },
          { name: 'user_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'mfa_challenge_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          {
            name: 'UQ_lex_auth_passkey_challenges_hash',
            columnNames: ['challenge_hash'],
            isUnique: true,
          },
          { name: 'IDX_lex_auth_passkey_challenges_expires_at', columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_passkey_challenges');
    await queryRunner.dropTable('lex_auth_passkeys');
  }
}
