import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../../sql/bigint.transformer';

export const EXTERNAL_IDENTITIES_TABLE = 'lex_auth_external_identities';

/** An account's identity at an external provider; (issuer, subject) maps to one account. */
@Entity({ name: EXTERNAL_IDENTITIES_TABLE })
@Index('UQ_lex_auth_external_identities_issuer_subject', ['issuer', 'subject'], { unique: true })
export class ExternalIdentityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_lex_auth_external_identities_user_id')
  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 32 })
  providerId!: string;

  @Column({ type: 'varchar', length: 512 })
  issuer!: string;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintTransformer })
  createdAt!: number;
}
