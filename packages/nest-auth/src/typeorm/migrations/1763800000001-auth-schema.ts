import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The auth module's tables: login attempts, revoked token ids, per-user revocation instants.
 * Built with `Table` rather than raw DDL so the same migration runs on SQLite and PostgreSQL.
 *
 * Names are written out, not imported: a migration records the schema it made, and renaming
 * a constant in the code must not change what it runs.
 */
export class AuthSchema1763800000001 implements MigrationInterface {
  name = 'AuthSchema1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(loginAttemptsTable());
    await queryRunner.createTable(revokedTokensTable());
    await queryRunner.createTable(userRevocationsTable());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_user_revocations');
    await queryRunner.dropTable('lex_auth_revoked_tokens');
    await queryRunner.dropTable('lex_auth_login_attempts');
  }
}

function loginAttemptsTable(): Table {
  return new Table({
    name: 'lex_auth_login_attempts',
    columns: [
      { name: 'identifier', type: 'varchar', length: '320', isPrimary: true },
      { name: 'attempts', type: 'integer' },
      { name: 'window_expires_at', type: 'bigint' },
      { name: 'locked_until', type: 'bigint', isNullable: true },
    ],
  });
}

function revokedTokensTable(): Table {
  return new Table({
    name: 'lex_auth_revoked_tokens',
    columns: [
      { name: 'id', type: 'varchar', length: '128', isPrimary: true },
      { name: 'expires_at', type: 'bigint' },
    ],
    indices: [{ name: 'IDX_lex_auth_revoked_tokens_expires_at', columnNames: ['expires_at'] }],
  });
}

function userRevocationsTable(): Table {
  return new Table({
    name: 'lex_auth_user_revocations',
    columns: [
      { name: 'user_id', type: 'varchar', length: '64', isPrimary: true },
      { name: 'revoked_before', type: 'bigint' },
      { name: 'expires_at', type: 'bigint' },
    ],
    indices: [{ name: 'IDX_lex_auth_user_revocations_expires_at', columnNames: ['expires_at'] }],
  });
}
