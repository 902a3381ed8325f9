import { randomBytes, randomUUID } from 'node:crypto';
import { AuthClock } from '../common/auth-clock';
import { sameDigest, sha256Hex } from '../mfa/mfa-challenge';
import { AuthConfig } from '../settings/auth-config';
import {
  type PasskeyChallengePurpose,
  type PasskeyChallengeRecord,
  PasskeyStore,
} from './passkey-store';

/** A challenge just issued: the bytes go into the options, the id comes back with the answer. */
export interface IssuedChallenge {
  challenge: Uint8Array<ArrayBuffer>;
  challengeId: string;
}

/**
 * Issues and spends ceremony challenges: 32 random bytes, stored only as their SHA-256, bound to
 * a purpose (and a user), valid for `passkeys.challenge_ttl_seconds`, spent atomically once.
 */
export class PasskeyChallenges {
  constructor(
    private readonly store: PasskeyStore,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
  ) {}

  async issue(
    purpose: PasskeyChallengePurpose,
    userId: string | null,
    mfaChallengeHash: string | null = null,
  ): Promise<IssuedChallenge> {
    const challenge = new Uint8Array(randomBytes(32));
    const challengeId = randomUUID();
    await this.store.createChallenge({
      id: challengeId,
      challengeHash: sha256Hex(Buffer.from(challenge).toString('base64url')),
      ...{ purpose, userId, mfaChallengeHash },
      expiresAt: new Date(this.clock.now() + this.config.passkeys.challengeTtlSeconds * 1000),
    });
    return { challenge, challengeId };
  }

  /** Spends the challenge `id`. @returns it, or null when unknown, expired or already spent */
  spend(id: string): Promise<PasskeyChallengeRecord | null> {
    return this.store.consumeChallenge(id, new Date(this.clock.now()));
  }

  /**
   * Spends the registration challenge a response carries (its clientDataJSON's `challenge`).
   * @returns whether it was live and issued to register a passkey for `userId`
   */
  async spendForRegistration(challenge: string, userId: string): Promise<boolean> {
    const now = new Date(this.clock.now());
    const record = await this.store.consumeChallengeByHash(sha256Hex(challenge), now);
    return record?.purpose === 'registration' && record.userId === userId;
  }

  /** Whether `challenge` (from a response's clientDataJSON) is the one `record` was issued for. */
  matches(record: PasskeyChallengeRecord, challenge: string): boolean {
    return sameDigest(sha256Hex(challenge), record.challengeHash);
  }
}
