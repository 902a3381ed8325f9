/** What an authenticator says of where its credential lives (WebAuthn `credentialDeviceType`). */
export type PasskeyDeviceType = 'singleDevice' | 'multiDevice';

/** A registered passkey: the credential's public key, never a secret. */
export interface PasskeyRecord {
  /** Our id (UUID), used in the management routes. */
  id: string;
  userId: string;
  /** The WebAuthn credential id, base64url. Unique across users. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The last signature counter accepted; 0 for authenticators that keep none. */
  counter: number;
  transports: string[];
  deviceType: PasskeyDeviceType;
  backedUp: boolean;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** What a ceremony's challenge was issued for; a challenge completes only its own purpose. */
export type PasskeyChallengePurpose = 'registration' | 'authentication' | 'second_factor';

/** A WebAuthn challenge handed out and not yet answered. */
export interface PasskeyChallengeRecord {
  /** Opaque id (UUID) the client sends back with its answer (`challengeId`). */
  id: string;
  /** Hex SHA-256 of the challenge; the challenge itself is never stored. */
  challengeHash: string;
  purpose: PasskeyChallengePurpose;
  /** The user registering, or the user of the MFA step; null for a usernameless sign-in. */
  userId: string | null;
  /** Hex SHA-256 of the MFA challenge a second-factor ceremony completes. */
  mfaChallengeHash: string | null;
  expiresAt: Date;
}

export type PasskeyInsertResult = 'inserted' | 'limit_reached' | 'credential_taken';

/**
 * Passkeys and their ceremony challenges. Spending a challenge and advancing a counter are atomic,
 * so two instances racing for one challenge or one signature get a single winner.
 */
export abstract class PasskeyStore {
  /** Adds a passkey while its user has fewer than `maxPerUser`; a known credential id is refused. */
  abstract insert(record: PasskeyRecord, maxPerUser: number): Promise<PasskeyInsertResult>;

  abstract findByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;

  /** The user's passkeys, oldest first. */
  abstract listByUser(userId: string): Promise<PasskeyRecord[]>;

  abstract countByUser(userId: string): Promise<number>;

  /** Renames one of the user's passkeys. @returns the renamed passkey, null when not the user's */
  abstract rename(userId: string, id: string, name: string): Promise<PasskeyRecord | null>;

  /** Deletes one of the user's passkeys. @returns false when unknown or someone else's */
  abstract delete(userId: string, id: string): Promise<boolean>;

  /**
   * Records a sign-in: the counter advances to `counter` only when it grows (or both stay 0, for
   * authenticators without one), as a compare-and-set.
   * @returns false when the stored counter is already at or above `counter`: a clone signal
   */
  abstract recordUse(id: string, counter: number, backedUp: boolean, now: Date): Promise<boolean>;

  abstract createChallenge(challenge: PasskeyChallengeRecord): Promise<void>;

  /** Spends a live challenge by its id. @returns it, or null when unknown, expired or spent */
  abstract consumeChallenge(id: string, now: Date): Promise<PasskeyChallengeRecord | null>;

  /** Spends a live challenge by its hash (registration answers carry no id). */
  abstract consumeChallengeByHash(
    challengeHash: string,
    now: Date,
  ): Promise<PasskeyChallengeRecord | null>;

  /** Deletes spent and expired challenges. */
  abstract purgeExpired(now: Date): Promise<void>;
}
