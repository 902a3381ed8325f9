import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { API_KEYS_PREFIX_INDEX, API_KEYS_TABLE, API_KEYS_USER_INDEX } from '../api-key.entity';

/** The API keys table. Built with `Table`, so one migration serves SQLite and PostgreSQL. */
export class AuthApiKeys1763900000104 implements MigrationInterface {
  name = 'AuthApiKeys1763900000104';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: API_KEYS_TABLE,
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
          { name: API_KEYS_PREFIX_INDEX, columnNames: ['prefix'], isUnique: true },
          { name: API_KEYS_USER_INDEX, columnNames: ['user_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(API_KEYS_TABLE);
  }
}
