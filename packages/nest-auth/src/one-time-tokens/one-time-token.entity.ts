import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';

export const ONE_TIME_TOKENS_TABLE = 'lex_auth_one_time_tokens';
const ONE_TIME_TOKENS_USER_INDEX = 'IDX_lex_auth_one_time_tokens_user_purpose';
const ONE_TIME_TOKENS_EXPIRY_INDEX = 'IDX_lex_auth_one_time_tokens_expires_at';

/** A password-reset or email-verification token, by its SHA-256. Times are epoch ms. */
@Entity({ name: ONE_TIME_TOKENS_TABLE })
@Index(ONE_TIME_TOKENS_USER_INDEX, ['userId', 'purpose'])
export class OneTimeToken {
  /** Hex SHA-256 of the token; the token itself is never stored. */
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  /** `password_reset` or `email_verification`. */
  @Column({ type: 'varchar', length: 32 })
  purpose!: string;

  /** Indexed for the purge. */
  @Index(ONE_TIME_TOKENS_EXPIRY_INDEX)
  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintTransformer })
  expiresAt!: number;

  /** When it was spent; null while it is usable. */
  @Column({ name: 'used_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  usedAt!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintTransformer })
  createdAt!: number;
}
