import { randomUUID } from 'node:crypto';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { UserAlreadyExistsError } from '../errors/auth.errors';
import { type AuthUser, type NewAuthUser, UserStore } from './user-store';

/** A user to start a `MemoryUserStore` with; `id` and `createdAt` are generated when omitted. */
export interface MemoryUserSeed extends NewAuthUser {
  id?: string;
  createdAt?: Date;
  /** @default null */
  emailVerifiedAt?: Date | null;
}

/**
 * Users in a `Map`, for `AuthModule.stub()` and tests. Returns copies, so a caller mutating a
 * result cannot change what the store holds.
 */
export class MemoryUserStore extends UserStore {
  private readonly byId = new Map<string, AuthUser>();
  private readonly idByEmail = new Map<string, string>();

  /**
   * @param seed users to start with; their emails are normalised here, as a stub's users are
   * written by hand.
   * @throws UserAlreadyExistsError when two seeds share an email.
   */
  constructor(seed: MemoryUserSeed[] = []) {
    super();
    for (const user of seed) {
      this.insert({
        id: user.id ?? randomUUID(),
        email: normalizeIdentifier(user.email),
        passwordHash: user.passwordHash,
        createdAt: user.createdAt ?? new Date(),
        roles: [...(user.roles ?? [])],
        emailVerifiedAt: user.emailVerifiedAt ?? null,
      });
    }
  }

  /** @inheritdoc */
  findByEmail(email: string): Promise<AuthUser | null> {
    const id = this.idByEmail.get(email);
    return this.findById(id ?? '');
  }

  /** @inheritdoc */
  findById(id: string): Promise<AuthUser | null> {
    const user = this.byId.get(id);
    return Promise.resolve(user ? { ...user, roles: [...user.roles] } : null);
  }

  /** @inheritdoc */
  create(user: NewAuthUser): Promise<AuthUser> {
    // The executor runs now, so check-and-insert is one synchronous step; a throw rejects.
    return new Promise((resolve) => {
      const created = this.insert({
        id: randomUUID(),
        email: user.email,
        passwordHash: user.passwordHash,
        createdAt: new Date(),
        roles: [...(user.roles ?? [])],
        emailVerifiedAt: null,
      });
      resolve({ ...created, roles: [...created.roles] });
    });
  }

  /** @inheritdoc */
  updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    const user = this.byId.get(id);
    if (user) user.passwordHash = passwordHash;
    return Promise.resolve();
  }

  /** @inheritdoc */
  setRoles(id: string, roles: string[]): Promise<void> {
    const user = this.byId.get(id);
    if (user) user.roles = [...roles];
    return Promise.resolve();
  }

  /** @inheritdoc */
  markEmailVerified(id: string, at: Date): Promise<void> {
    const user = this.byId.get(id);
    if (user) user.emailVerifiedAt ??= at;
    return Promise.resolve();
  }

  private insert(user: AuthUser): AuthUser {
    if (this.idByEmail.has(user.email)) throw new UserAlreadyExistsError();
    const stored = { ...user, roles: [...user.roles] };
    this.byId.set(stored.id, stored);
    this.idByEmail.set(stored.email, stored.id);
    return stored;
  }
}
