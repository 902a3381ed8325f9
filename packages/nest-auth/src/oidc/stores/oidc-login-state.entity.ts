import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../../sql/bigint.transformer';

export const OIDC_LOGIN_STATES_TABLE = 'lex_auth_oidc_login_states';

/** A started sign-in or an unexchanged login code, by the SHA-256 of its key. Times: epoch ms. */
@Entity({ name: OIDC_LOGIN_STATES_TABLE })
export class OidcLoginStateEntity {
  @PrimaryColumn({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 32 })
  providerId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64, nullable: true })
  userId!: string | null;

  /** JSON: PKCE verifier, nonce and the page to return to. */
  @Column({ type: 'text' })
  data!: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintTransformer })
  expiresAt!: number;

  @Column({ name: 'used_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  usedAt!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintTransformer })
  createdAt!: number;
}
