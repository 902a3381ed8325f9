import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts tell failures from attempts still being verified, so an attempt that ends in an
 * error (503) gives its slot back instead of counting as a failure. The old `attempts` counted
 * both; it becomes `failures` (at worst a window's leftover slots count as failures until the
 * window ends, as they did before). Plain DDL that SQLite (>= 3.25) and PostgreSQL both run.
 */
export class AuthPendingLoginAttempts1763900000110 implements MigrationInterface {
  name = 'AuthPendingLoginAttempts1763900000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE lex_auth_login_attempts RENAME COLUMN attempts TO failures',
    );
    await queryRunner.query(
      'ALTER TABLE lex_auth_login_attempts ADD COLUMN pending integer NOT NULL DEFAULT 0',
    );
    await queryRunner.query(
      'ALTER TABLE lex_auth_login_attempts ADD COLUMN pending_expires_at bigint NOT NULL DEFAULT 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE lex_auth_login_attempts DROP COLUMN pending_expires_at');
    await queryRunner.query('ALTER TABLE lex_auth_login_attempts DROP COLUMN pending');
    await queryRunner.query(
      'ALTER TABLE lex_auth_login_attempts RENAME COLUMN failures TO attempts',
    );
  }
}
