import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';

export const USER_REVOCATIONS_TABLE = 'lex_auth_user_revocations';
const USER_REVOCATIONS_EXPIRY_INDEX = 'IDX_lex_auth_user_revocations_expires_at';

/** A user's "revoked before" instant (log out everywhere, password change). Times are epoch ms. */
@Entity({ name: USER_REVOCATIONS_TABLE })
export class UserRevocation {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  /** Tokens of the user issued at or before this instant are revoked. */
  @Column({ name: 'revoked_before', type: 'bigint', transformer: bigintTransformer })
  revokedBefore!: number;

  /** When every token the instant revokes has expired anyway; indexed for the purge. */
  @Index(USER_REVOCATIONS_EXPIRY_INDEX)
  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintTransformer })
  expiresAt!: number;
}
