import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';

export const API_KEYS_TABLE = 'lex_auth_api_keys';
const API_KEYS_PREFIX_INDEX = 'UQ_lex_auth_api_keys_prefix';
const API_KEYS_USER_INDEX = 'IDX_lex_auth_api_keys_user_id';

/** An API key: its lookup prefix and the SHA-256 of the key, never the key. Times are epoch ms. */
@Entity({ name: API_KEYS_TABLE })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index(API_KEYS_USER_INDEX)
  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Looked up on every request the key authenticates. */
  @Index(API_KEYS_PREFIX_INDEX, { unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  /** JSON array of `resource.action` patterns. */
  @Column({ type: 'text' })
  scopes!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintTransformer })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  expiresAt!: number | null;

  @Column({ name: 'last_used_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  lastUsedAt!: number | null;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  revokedAt!: number | null;
}
