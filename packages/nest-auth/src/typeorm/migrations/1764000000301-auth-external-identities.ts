import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * External identities (OIDC / OAuth 2.0 sign-in). The unique (issuer, subject) index is what
 * keeps one external identity from ever mapping to two accounts, even under concurrent logins.
 * Names are literal: a migration records the schema it made.
 */
export class AuthExternalIdentities1764000000301 implements MigrationInterface {
  name = 'AuthExternalIdentities1764000000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lex_auth_external_identities',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '64' },
          { name: 'provider_id', type: 'varchar', length: '32' },
          { name: 'issuer', type: 'varchar', length: '512' },
          { name: 'subject', type: 'varchar', length: '255' },
          { name: 'email', type: 'varchar', length: '320', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [
          {
            name: 'UQ_lex_auth_external_identities_issuer_subject',
            columnNames: ['issuer', 'subject'],
            isUnique: true,
          },
          { name: 'IDX_lex_auth_external_identities_user_id', columnNames: ['user_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lex_auth_external_identities');
  }
}
