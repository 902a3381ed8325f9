import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { LOGIN_ATTEMPTS_TABLE } from '../login-attempt.entity';
import { REVOKED_TOKENS_EXPIRY_INDEX, REVOKED_TOKENS_TABLE } from '../revoked-token.entity';
import { USER_REVOCATIONS_EXPIRY_INDEX, USER_REVOCATIONS_TABLE } from '../user-revocation.entity';

/**
 * The auth module's tables: login attempts, revoked token ids, per-user revocation instants.
 * Built with `Table` rather than raw DDL so the same migration runs on SQLite and PostgreSQL.
 */
export class AuthSchema1763800000001 implements MigrationInterface {
  name = 'AuthSchema1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(loginAttemptsTable());
    await queryRunner.createTable(revokedTokensTable());
    await queryRunner.createTable(userRevocationsTable());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(USER_REVOCATIONS_TABLE);
    await queryRunner.dropTable(REVOKED_TOKENS_TABLE);
    await queryRunner.dropTable(LOGIN_ATTEMPTS_TABLE);
  }
}

function loginAttemptsTable(): Table {
  return new Table({
    name: LOGIN_ATTEMPTS_TABLE,
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
    name: REVOKED_TOKENS_TABLE,
    columns: [
      { name: 'id', type: 'varchar', length: '128', isPrimary: true },
      { name: 'expires_at', type: 'bigint' },
    ],
    indices: [{ name: REVOKED_TOKENS_EXPIRY_INDEX, columnNames: ['expires_at'] }],
  });
}

function userRevocationsTable(): Table {
  return new Table({
    name: USER_REVOCATIONS_TABLE,
    columns: [
      { name: 'user_id', type: 'varchar', length: '64', isPrimary: true },
      { name: 'revoked_before', type: 'bigint' },
      { name: 'expires_at', type: 'bigint' },
    ],
    indices: [{ name: USER_REVOCATIONS_EXPIRY_INDEX, columnNames: ['expires_at'] }],
  });
}
