import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';

export const MFA_TOTP_TABLE = 'lex_auth_mfa_totp';
export const MFA_RECOVERY_CODES_TABLE = 'lex_auth_mfa_recovery_codes';
export const MFA_CHALLENGES_TABLE = 'lex_auth_mfa_challenges';
const MFA_CHALLENGES_EXPIRY_INDEX = 'IDX_lex_auth_mfa_challenges_expires_at';
const MFA_CHALLENGES_USER_INDEX = 'IDX_lex_auth_mfa_challenges_user_id';

/** One user's TOTP enrolment; see `TypeOrmMfaStore`. Times are epoch ms. */
@Entity({ name: MFA_TOTP_TABLE })
export class MfaTotpEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  /** AES-256-GCM sealed, never the secret itself. */
  @Column({ name: 'sealed_secret', type: 'varchar', length: 512 })
  sealedSecret!: string;

  @Column({ name: 'enabled_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  enabledAt!: number | null;

  @Column({
    name: 'last_used_step',
    type: 'bigint',
    nullable: true,
    transformer: bigintTransformer,
  })
  lastUsedStep!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintTransformer })
  createdAt!: number;
}

/** A recovery code's SHA-256; `used_at` is set once, when it is spent. */
@Entity({ name: MFA_RECOVERY_CODES_TABLE })
export class MfaRecoveryCodeEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @PrimaryColumn({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  usedAt!: number | null;
}

/** A login waiting for its second factor, by the SHA-256 of the opaque challenge. */
@Entity({ name: MFA_CHALLENGES_TABLE })
export class MfaChallengeEntity {
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash!: string;

  @Index(MFA_CHALLENGES_USER_INDEX)
  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ name: 'client_hash', type: 'varchar', length: 64 })
  clientHash!: string;

  @Index(MFA_CHALLENGES_EXPIRY_INDEX)
  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintTransformer })
  expiresAt!: number;

  @Column({ name: 'used_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  usedAt!: number | null;
}

export const MFA_ENTITIES = [MfaTotpEntity, MfaRecoveryCodeEntity, MfaChallengeEntity];
