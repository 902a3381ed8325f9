import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';

export const PASSKEYS_TABLE = 'lex_auth_passkeys';
export const PASSKEY_CHALLENGES_TABLE = 'lex_auth_passkey_challenges';

/** A registered passkey; see `TypeOrmPasskeyStore`. Times are epoch ms. */
@Entity({ name: PASSKEYS_TABLE })
export class PasskeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('IDX_lex_auth_passkeys_user_id')
  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  /** base64url; a WebAuthn credential id is at most 1023 bytes. */
  @Index('UQ_lex_auth_passkeys_credential_id', { unique: true })
  @Column({ name: 'credential_id', type: 'varchar', length: 1400 })
  credentialId!: string;

  /** The COSE public key, base64url. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  counter!: number;

  /** JSON array of transport hints (`internal`, `usb`, …). */
  @Column({ type: 'text' })
  transports!: string;

  @Column({ name: 'device_type', type: 'varchar', length: 16 })
  deviceType!: string;

  @Column({ name: 'backed_up', type: 'boolean' })
  backedUp!: boolean;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: bigintTransformer })
  createdAt!: number;

  @Column({ name: 'last_used_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  lastUsedAt!: number | null;
}

/** A ceremony challenge, by its SHA-256; `used_at` is set once, when it is spent. */
@Entity({ name: PASSKEY_CHALLENGES_TABLE })
export class PasskeyChallengeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('UQ_lex_auth_passkey_challenges_hash', { unique: true })
  @Column({ name: 'challenge_hash', type: 'varchar', length: 64 })
  challengeHash!: string;

  @Column({ type: 'varchar', length: 16 })
  purpose!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64, nullable: true })
  userId!: string | null;

  @Column({ name: 'mfa_challenge_hash', type: 'varchar', length: 64, nullable: true })
  mfaChallengeHash!: string | null;

  @Index('IDX_lex_auth_passkey_challenges_expires_at')
  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintTransformer })
  expiresAt!: number;

  @Column({ name: 'used_at', type: 'bigint', nullable: true, transformer: bigintTransformer })
  usedAt!: number | null;
}

export const PASSKEY_ENTITIES = [PasskeyEntity, PasskeyChallengeEntity];
