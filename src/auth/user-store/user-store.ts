/** The fields the auth module needs of a user; a host's user entity may hold more. */
export interface AuthUser {
  id: string;
  /** Normalised (see `normalizeIdentifier`) before it reaches the store. */
  email: string;
  /** A PHC-style hash string (`$2b$12$…`, `$argon2id$…`); never the password. */
  passwordHash: string;
  createdAt: Date;
}

/** What `UserStore.create` receives. */
export interface NewAuthUser {
  email: string;
  passwordHash: string;
}

/**
 * Where users live. The example host provides a TypeORM implementation; a host may supply its
 * own. Emails arrive normalised; the store compares them as they are.
 */
export abstract class UserStore {
  abstract findByEmail(email: string): Promise<AuthUser | null>;
  abstract findById(id: string): Promise<AuthUser | null>;
  /** @throws UserAlreadyExistsError when the email is taken, even under concurrent calls. */
  abstract create(user: NewAuthUser): Promise<AuthUser>;
  abstract updatePasswordHash(id: string, passwordHash: string): Promise<void>;
}
