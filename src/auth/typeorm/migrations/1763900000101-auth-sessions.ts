import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import {
  SESSIONS_EXPIRY_INDEX,
  SESSIONS_TABLE,
  SESSIONS_USER_INDEX,
} from '../../sessions/auth-session.entity';
import { MAX_SESSION_IP, MAX_SESSION_USER_AGENT } from '../../sessions/session-limits';

/**
 * The session records behind `GET /auth/sessions` and `max_sessions_per_user`. Built with
 * `Table` so the same migration runs on SQLite and PostgreSQL.
 */
export class AuthSessions1763900000101 implements MigrationInterface {
  name = 'AuthSessions1763900000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: SESSIONS_TABLE,
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          {
            name: 'user_agent',
            type: 'varchar',
            length: String(MAX_SESSION_USER_AGENT),
            isNullable: true,
          },
          { name: 'ip', type: 'varchar', length: String(MAX_SESSION_IP), isNullable: true },
          { name: 'created_at', type: 'bigint' },
          { name: 'last_used_at', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          { name: SESSIONS_USER_INDEX, columnNames: ['user_id'] },
          { name: SESSIONS_EXPIRY_INDEX, columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(SESSIONS_TABLE);
  }
}
