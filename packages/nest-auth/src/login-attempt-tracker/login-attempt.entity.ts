import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../sql/bigint.transformer';

export const LOGIN_ATTEMPTS_TABLE = 'lex_auth_login_attempts';

/** One identifier's attempt window; see `TypeOrmLoginAttemptTracker`. Times are epoch ms. */
@Entity({ name: LOGIN_ATTEMPTS_TABLE })
export class LoginAttempt {
  /** The normalised login identifier (an email is at most 320 characters). */
  @PrimaryColumn({ type: 'varchar', length: 320 })
  identifier!: string;

  /** Passwords checked and found wrong in the window. */
  @Column({ type: 'integer' })
  failures!: number;

  /** Reserved attempts still being verified. */
  @Column({ type: 'integer', default: 0 })
  pending!: number;

  @Column({ name: 'window_expires_at', type: 'bigint', transformer: bigintTransformer })
  windowExpiresAt!: number;

  /** When the pending slots lapse (a process died mid-login); moved by each reservation. */
  @Column({
    name: 'pending_expires_at',
    type: 'bigint',
    default: 0,
    transformer: bigintTransformer,
  })
  pendingExpiresAt!: number;

  @Column({
    name: 'locked_until',
    type: 'bigint',
    nullable: true,
    transformer: bigintTransformer,
  })
  lockedUntil!: number | null;
}
