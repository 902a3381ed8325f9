/** A user's TOTP enrolment as stored: pending until confirmed with a first code. */
export interface MfaEnrolment {
  userId: string;
  /** The TOTP secret sealed by `MfaSecretCipher`; never stored in the clear. */
  sealedSecret: string;
  /** When a code confirmed the enrolment; null while pending. */
  enabledAt: Date | null;
  /** The last TOTP time step a code was accepted for; codes of it and earlier steps are refused. */
  lastUsedStep: number | null;
}

/** A login that passed the password and waits for a second factor. */
export interface MfaChallengeRecord {
  /** SHA-256 of the opaque challenge handed to the client. */
  idHash: string;
  userId: string;
  /** SHA-256 of the login's user agent: the challenge only completes from the same client. */
  clientHash: string;
  expiresAt: Date;
}

/**
 * Durable MFA state: enrolments, recovery codes (hashed) and login challenges (hashed). Every
 * "spend" method is atomic, so two instances racing for one code or challenge get one winner.
 */
export abstract class MfaStore {
  abstract findEnrolment(userId: string): Promise<MfaEnrolment | null>;

  /**
   * Starts, or restarts, a pending enrolment with a new secret.
   * @returns false when MFA is already enabled for the user (nothing changes)
   */
  abstract startEnrolment(userId: string, sealedSecret: string, now: Date): Promise<boolean>;

  /**
   * Turns the pending enrolment with exactly `sealedSecret` on, records `step` as used and
   * replaces the recovery codes, all at once.
   * @returns false when there is no such pending enrolment (restarted, or confirmed by a racer)
   */
  abstract enable(
    userId: string,
    sealedSecret: string,
    step: number,
    recoveryCodeHashes: string[],
    now: Date,
  ): Promise<boolean>;

  /** Removes the enrolment, recovery codes and open challenges. @returns false when none existed */
  abstract disable(userId: string): Promise<boolean>;

  /**
   * Records `step` as used when it is later than the last used one (compare-and-set), on an
   * enabled enrolment. @returns false when the step was already spent or is older
   */
  abstract consumeStep(userId: string, step: number): Promise<boolean>;

  /** Marks an unused recovery code used. @returns false when unknown or already used */
  abstract consumeRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean>;

  /** Whether the user has this recovery code, unused (no state change). */
  abstract hasRecoveryCode(userId: string, codeHash: string): Promise<boolean>;

  /** Replaces every recovery code of an enabled enrolment. @returns false when MFA is off */
  abstract replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<boolean>;

  abstract countRecoveryCodesLeft(userId: string): Promise<number>;

  abstract createChallenge(challenge: MfaChallengeRecord): Promise<void>;

  /** The challenge when it exists, is unspent and has not expired at `now`. */
  abstract findChallenge(idHash: string, now: Date): Promise<MfaChallengeRecord | null>;

  /**
   * Spends a live challenge. @returns false when it is unknown, expired or already spent
   */
  abstract consumeChallenge(idHash: string, now: Date): Promise<boolean>;

  /** Deletes spent and expired challenges. */
  abstract purgeExpired(now: Date): Promise<void>;
}
