import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from './bigint.transformer';

export const LOGIN_ATTEMPTS_TABLE = 'lex_auth_login_attempts';

/** One identifier's attempt window; see `TypeOrmLoginAttemptTracker`. Times are epoch ms. */
@Entity({ name: LOGIN_ATTEMPTS_TABLE })
export class LoginAttempt {
  /** The normalised login identifier (an email is at most 320 characters). */
  @PrimaryColumn({ type: 'varchar', length: 320 })
  identifier!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'window_expires_at', type: 'bigint', transformer: bigintTransformer })
  windowExpiresAt!: number;

  @Column({
    name: 'locked_until',
    type: 'bigint',
    nullable: true,
    transformer: bigintTransformer,
  })
  lockedUntil!: number | null;
}
