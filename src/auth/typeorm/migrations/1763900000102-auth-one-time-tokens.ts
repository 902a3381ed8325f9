import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import {
  ONE_TIME_TOKENS_EXPIRY_INDEX,
  ONE_TIME_TOKENS_TABLE,
  ONE_TIME_TOKENS_USER_INDEX,
} from '../one-time-token.entity';

/**
 * Password-reset and email-verification tokens, stored as SHA-256 hashes. Built with `Table` so
 * the same migration runs on SQLite and PostgreSQL.
 */
export class AuthOneTimeTokens1763900000102 implements MigrationInterface {
  name = 'AuthOneTimeTokens1763900000102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: ONE_TIME_TOKENS_TABLE,
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'purpose', type: 'varchar', length: '32' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [
          { name: ONE_TIME_TOKENS_USER_INDEX, columnNames: ['user_id', 'purpose'] },
          { name: ONE_TIME_TOKENS_EXPIRY_INDEX, columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(ONE_TIME_TOKENS_TABLE);
  }
}
