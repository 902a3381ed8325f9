import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, QueryFailedError, type Repository } from 'typeorm';
import { UserAlreadyExistsError } from '../errors/auth.errors';
import { storeOutages } from '../errors/store-outages';
import { preparedRead } from '../sql/prepared-read';
import { type AuthUser, type NewAuthUser, UserStore } from '../user-store/user-store';
import { UserEntity } from './user.entity';

const STORE_NAME = 'user store';
/** Unique-constraint codes: better-sqlite3's extended result code, PostgreSQL's SQLSTATE. */
const UNIQUE_VIOLATION_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', '23505']);

/**
 * A `UserStore` on the `users` table of `UserEntity`: pass it as `userStore`, or extend it. The unique index on `email` is what makes
 * concurrent registrations of one email yield exactly one user.
 */
@Injectable()
export class TypeOrmUserStore extends UserStore {
  private readonly users: Repository<UserEntity>;
  private readonly selectById: (id: string) => Promise<UserRow[]>;

  /** @param dataSource the host's, with `AUTH_USER_ENTITIES` among its entities */
  constructor(private readonly dataSource: DataSource) {
    super();
    this.users = dataSource.getRepository(UserEntity);
    this.selectById = preparedRead<UserRow>(dataSource, selectByIdSql(dataSource, this.users));
  }

  /** @inheritdoc */
  async findByEmail(email: string): Promise<AuthUser | null> {
    const user = await this.guard(() => this.users.findOneBy({ email }));
    return user ? toAuthUser(user) : null;
  }

  /**
   * @inheritdoc
   * One prepared statement, not the repository: `GET /auth/me` reads the user on every call, and
   * TypeORM's query builder and entity hydration cost several times the lookup itself.
   */
  async findById(id: string): Promise<AuthUser | null> {
    const rows = await this.guard(() => this.selectById(id));
    return rows.length > 0 ? fromRow(rows[0]) : null;
  }

  /**
   * @inheritdoc
   * @throws UserAlreadyExistsError when the email is taken.
   * @throws AuthStoreUnavailableError when the database fails otherwise.
   */
  async create(user: NewAuthUser): Promise<AuthUser> {
    const now = new Date();
    const entity = this.users.create({
      id: randomUUID(),
      email: user.email,
      passwordHash: user.passwordHash,
      roles: user.roles ?? [],
      emailVerifiedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    // insert, not save: save would SELECT first and could turn a duplicate into an update.
    await this.guard(() => this.users.insert(entity));
    return toAuthUser(entity);
  }

  /** @inheritdoc */
  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.guard(() => this.users.update({ id }, { passwordHash, updatedAt: new Date() }));
  }

  /** @inheritdoc */
  async setRoles(id: string, roles: string[]): Promise<void> {
    await this.guard(() => this.users.update({ id }, { roles, updatedAt: new Date() }));
  }

  /** @inheritdoc */
  async markEmailVerified(id: string, at: Date): Promise<void> {
    // The IS NULL condition keeps the first verification instant under concurrent calls.
    await this.guard(() =>
      this.users.update({ id, emailVerifiedAt: IsNull() }, { emailVerifiedAt: at, updatedAt: at }),
    );
  }

  /**
   * Runs a repository call, translating driver failures into the auth module's errors; an
   * outage is logged once, when it starts and when the database answers again.
   */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      const result = await operation();
      storeOutages.succeeded(STORE_NAME);
      return result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw storeOutages.failed(STORE_NAME, error);
      storeOutages.succeeded(STORE_NAME);
      throw new UserAlreadyExistsError();
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown }).code;
  return typeof code === 'string' && UNIQUE_VIOLATION_CODES.has(code);
}

/** The columns of `UserEntity` as the driver returns them. */
interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  created_at: string | number;
  roles: string;
  email_verified_at: string | number | null;
}

/** `SELECT … WHERE id = <placeholder>` in the driver's dialect, from the entity's own names. */
function selectByIdSql(dataSource: DataSource, users: Repository<UserEntity>): string {
  const { driver } = dataSource;
  const { metadata } = users;
  const column = (property: keyof UserEntity): string =>
    driver.escape(metadata.findColumnWithPropertyName(property)!.databaseName);
  const table = metadata.tablePath
    .split('.')
    .map((part) => driver.escape(part))
    .join('.');
  const columns = (
    ['id', 'email', 'passwordHash', 'createdAt', 'roles', 'emailVerifiedAt'] as const
  ).map((property) => `${column(property)} AS ${driver.escape(ROW_NAMES[property])}`);
  const [sql] = driver.escapeQueryWithParameters(
    `SELECT ${columns.join(', ')} FROM ${table} WHERE ${column('id')} = :id`,
    { id: '' },
  );
  return sql;
}

const ROW_NAMES: Record<keyof UserEntity, keyof UserRow | 'updated_at'> = {
  id: 'id',
  email: 'email',
  passwordHash: 'password_hash',
  createdAt: 'created_at',
  roles: 'roles',
  emailVerifiedAt: 'email_verified_at',
  updatedAt: 'updated_at',
};

function fromRow(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    createdAt: new Date(Number(row.created_at)),
    roles: JSON.parse(row.roles) as string[],
    emailVerifiedAt:
      row.email_verified_at === null ? null : new Date(Number(row.email_verified_at)),
  };
}

function toAuthUser(user: UserEntity): AuthUser {
  return {
    id: user.id,
    email: user.email,
    passwordHash: user.passwordHash,
    createdAt: user.createdAt,
    roles: [...user.roles],
    emailVerifiedAt: user.emailVerifiedAt,
  };
}
