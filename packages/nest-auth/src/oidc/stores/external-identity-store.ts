/** An account's sign-in through an external provider: the provider's (issuer, subject) pair. */
export interface ExternalIdentity {
  id: string;
  userId: string;
  /** The `oidc.providers` id it was linked through. */
  providerId: string;
  /** The issuer URL (OpenID Connect) or the authorization endpoint (plain OAuth 2.0). */
  issuer: string;
  subject: string;
  /** As the provider gave it at linking; informational, never used to sign in. */
  email: string | null;
  createdAt: Date;
}

/** What `link` answers: the identity, or that (issuer, subject) already belongs to an account. */
export type LinkOutcome =
  { linked: true; identity: ExternalIdentity } | { linked: false; existing: ExternalIdentity };

/**
 * The external identities of accounts. (issuer, subject) is unique: of concurrent `link` calls
 * for one pair, on one instance or many, exactly one inserts; the others get the winner back.
 */
export abstract class ExternalIdentityStore {
  /** Inserts the identity unless its (issuer, subject) is taken. */
  abstract link(identity: ExternalIdentity): Promise<LinkOutcome>;
  abstract findBySubject(issuer: string, subject: string): Promise<ExternalIdentity | null>;
  /** Oldest first. */
  abstract listByUser(userId: string): Promise<ExternalIdentity[]>;
  /** @returns whether the user's identity `id` existed and was removed */
  abstract remove(userId: string, id: string): Promise<boolean>;
}
