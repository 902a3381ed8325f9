import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Started OIDC sign-ins and unexchanged login codes, keyed by SHA-256. Literal names. */
export class AuthOidcLoginStates1764000000302 implements MigrationInterface {
  name = 'AuthOidcLoginStates1764000000302';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_oidc_login_states',
        columns: [
          { name: 'key_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'provider_id', type: 'varchar', length: '32' },
          { name: 'user_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'data', type: 'text' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [
          { name: 'IDX_lex_auth_oidc_login_states_expires_at', columnNames: ['expires_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_oidc_login_states');
  }
}
