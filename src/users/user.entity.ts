import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

export const USERS_TABLE = 'users';
export const USERS_EMAIL_UNIQUE = 'UQ_users_email';

/**
 * The example host's user. The id is a UUID made in code (`crypto.randomUUID()`), so SQLite and
 * PostgreSQL need no generator of their own. Timestamp columns keep TypeORM's default type per
 * driver (SQLite `datetime`, stored in UTC); the migration makes them `timestamptz` on PostgreSQL.
 */
@Entity({ name: USERS_TABLE })
@Unique(USERS_EMAIL_UNIQUE, ['email'])
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Normalised (trimmed, NFKC, lower case) before it is stored; unique. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** A PHC-style string (`$2b$12$…`); never the password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
