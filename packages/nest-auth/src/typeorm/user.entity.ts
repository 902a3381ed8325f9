import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { epochMsDateTransformer } from '../sql/epoch-ms-date.transformer';

const USERS_TABLE = 'users';
const USERS_EMAIL_UNIQUE = 'UQ_users_email';

/**
 * A ready `users` table for hosts without one of their own (`AUTH_USER_ENTITIES`,
 * `AUTH_USER_MIGRATIONS`); a host's own table needs the same columns (see the getting-started
 * page). The id is a UUID made in code (`crypto.randomUUID()`), so SQLite and
 * PostgreSQL need no generator of their own.
 * Timestamps are epoch milliseconds in `bigint` columns (see `epochMsDateTransformer` for why),
 * read as `Date`s.
 */
@Entity({ name: USERS_TABLE })
@Unique(USERS_EMAIL_UNIQUE, ['email'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Normalised (trimmed, NFKC, lower case) before it is stored; unique. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** A PHC-style string (`$2b$12$…`); never the password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMsDateTransformer })
  createdAt!: Date;

  /** Role names, as a JSON array in a text column (the same on SQLite and PostgreSQL). */
  @Column({ type: 'simple-json' })
  roles!: string[];

  @Column({
    name: 'email_verified_at',
    type: 'bigint',
    nullable: true,
    transformer: epochMsDateTransformer,
  })
  emailVerifiedAt!: Date | null;

  /** Set by the store on every write. */
  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMsDateTransformer })
  updatedAt!: Date;
}
