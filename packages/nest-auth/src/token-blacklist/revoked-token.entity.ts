import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';

export const REVOKED_TOKENS_TABLE = 'lex_auth_revoked_tokens';
const REVOKED_TOKENS_EXPIRY_INDEX = 'IDX_lex_auth_revoked_tokens_expires_at';

/** A revoked token or session id, kept until the token would have expired anyway. */
@Entity({ name: REVOKED_TOKENS_TABLE })
export class RevokedToken {
  /** A `jti` or session id. */
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  /** Epoch ms; indexed because the purge deletes by it. */
  @Index(REVOKED_TOKENS_EXPIRY_INDEX)
  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintTransformer })
  expiresAt!: number;
}
