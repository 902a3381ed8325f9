/** The fields the auth module needs of a user; a host's user entity may hold more. */
export interface AuthUser {
  id: string;
  /** Normalised (see `normalizeIdentifier`) before it reaches the store. */
  email: string;
  /** A PHC-style hash string (`$2b$12$…`, `$argon2id$…`); never the password. */
  passwordHash: string;
  createdAt: Date;
  /** Role names; what they grant comes from `roles` in the config. */
  roles: string[];
  /** When the email was verified; null until then. */
  emailVerifiedAt: Date | null;
}

/** What `UserStore.create` receives. */
export interface NewAuthUser {
  email: string;
  passwordHash: string;
  /** @default [] */
  roles?: string[];
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
  /** Replaces the user's roles; an unknown id changes nothing. */
  abstract setRoles(id: string, roles: string[]): Promise<void>;
  /** Records the verification instant; keeps an earlier one. An unknown id changes nothing. */
  abstract markEmailVerified(id: string, at: Date): Promise<void>;
}
