import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';
import { MAX_SESSION_IP, MAX_SESSION_USER_AGENT } from './session-limits';

export const SESSIONS_TABLE = 'lex_auth_sessions';
const SESSIONS_USER_INDEX = 'IDX_lex_auth_sessions_user_id';
const SESSIONS_EXPIRY_INDEX = 'IDX_lex_auth_sessions_expires_at';

/** A session (refresh-token family) of a user; times are epoch ms. */
@Entity({ name: SESSIONS_TABLE })
export class AuthSession {
  /** The `sid` of the session's tokens. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Indexed: sessions are listed and revoked by user. */
  @Index(SESSIONS_USER_INDEX)
  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ name: 'user_agent', type: 'varchar', length: MAX_SESSION_USER_AGENT, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: MAX_SESSION_IP, nullable: true })
  ip!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintTransformer })
  createdAt!: number;

  @Column({ name: 'last_used_at', type: 'bigint', transformer: bigintTransformer })
  lastUsedAt!: number;

  /** Indexed because the purge deletes by it. */
  @Index(SESSIONS_EXPIRY_INDEX)
  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintTransformer })
  expiresAt!: number;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  revokedAt!: number | null;
}
