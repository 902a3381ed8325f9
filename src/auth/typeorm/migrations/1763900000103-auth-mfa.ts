import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import {
  MFA_CHALLENGES_EXPIRY_INDEX,
  MFA_CHALLENGES_TABLE,
  MFA_CHALLENGES_USER_INDEX,
  MFA_RECOVERY_CODES_TABLE,
  MFA_TOTP_TABLE,
} from '../../mfa/mfa.entities';

/** TOTP enrolments, hashed recovery codes and hashed login challenges (SQLite and PostgreSQL). */
export class AuthMfa1763900000103 implements MigrationInterface {
  name = 'AuthMfa1763900000103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: MFA_TOTP_TABLE,
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
        name: MFA_RECOVERY_CODES_TABLE,
        columns: [
          { name: 'user_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'code_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'used_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: MFA_CHALLENGES_TABLE,
        columns: [
          { name: 'id_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'client_hash', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
        ],
        indices: [
          { name: MFA_CHALLENGES_USER_INDEX, columnNames: ['user_id'] },
          { name: MFA_CHALLENGES_EXPIRY_INDEX, columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(MFA_CHALLENGES_TABLE);
    await queryRunner.dropTable(MFA_RECOVERY_CODES_TABLE);
    await queryRunner.dropTable(MFA_TOTP_TABLE);
  }
}
