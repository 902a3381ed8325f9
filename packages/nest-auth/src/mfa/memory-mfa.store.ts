import type { OnApplicationShutdown } from '@nestjs/common';
import { type Clock, systemClock } from '../common/clock';
import { PeriodicTask } from '../common/periodic-task';
import { type MfaChallengeRecord, type MfaEnrolment, MfaStore } from './mfa.store';

interface StoredChallenge extends MfaChallengeRecord {
  spent: boolean;
}

/**
 * MFA state in this process (store `memory`): lost on restart and not shared between instances.
 * Every method completes its check-and-change without awaiting, so it is atomic in one process.
 */
export class MemoryMfaStore extends MfaStore implements OnApplicationShutdown {
  private readonly purge = new PeriodicTask(MemoryMfaStore.name, () =>
    this.purgeExpired(new Date(this.clock())),
  );
  private readonly enrolments = new Map<string, MfaEnrolment>();
  /** userId → code hash → used */
  private readonly codes = new Map<string, Map<string, boolean>>();
  private readonly challenges = new Map<string, StoredChallenge>();

  constructor(private readonly clock: Clock = systemClock) {
    super();
  }

  onApplicationShutdown(): void {
    this.purge.stop();
  }

  findEnrolment(userId: string): Promise<MfaEnrolment | null> {
    const found = this.enrolments.get(userId);
    return Promise.resolve(found ? { ...found } : null);
  }

  startEnrolment(userId: string, sealedSecret: string, _now: Date): Promise<boolean> {
    if (this.enrolments.get(userId)?.enabledAt) return Promise.resolve(false);
    this.enrolments.set(userId, { userId, sealedSecret, enabledAt: null, lastUsedStep: null });
    return Promise.resolve(true);
  }

  enable(
    userId: string,
    sealedSecret: string,
    step: number,
    recoveryCodeHashes: string[],
    now: Date,
  ): Promise<boolean> {
    const found = this.enrolments.get(userId);
    if (!found || found.enabledAt || found.sealedSecret !== sealedSecret) {
      return Promise.resolve(false);
    }
    this.enrolments.set(userId, { ...found, enabledAt: now, lastUsedStep: step });
    this.codes.set(userId, new Map(recoveryCodeHashes.map((hash) => [hash, false])));
    return Promise.resolve(true);
  }

  disable(userId: string): Promise<boolean> {
    const existed = this.enrolments.delete(userId);
    this.codes.delete(userId);
    for (const [key, challenge] of this.challenges) {
      if (challenge.userId === userId) this.challenges.delete(key);
    }
    return Promise.resolve(existed);
  }

  consumeStep(userId: string, step: number): Promise<boolean> {
    const found = this.enrolments.get(userId);
    if (!found?.enabledAt || (found.lastUsedStep !== null && found.lastUsedStep >= step)) {
      return Promise.resolve(false);
    }
    found.lastUsedStep = step;
    return Promise.resolve(true);
  }

  consumeRecoveryCode(userId: string, codeHash: string, _now: Date): Promise<boolean> {
    const codes = this.usableCodes(userId);
    if (codes?.get(codeHash) !== false) return Promise.resolve(false);
    codes.set(codeHash, true);
    return Promise.resolve(true);
  }

  hasRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    return Promise.resolve(this.usableCodes(userId)?.get(codeHash) === false);
  }

  replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<boolean> {
    if (!this.enrolments.get(userId)?.enabledAt) return Promise.resolve(false);
    this.codes.set(userId, new Map(codeHashes.map((hash) => [hash, false])));
    return Promise.resolve(true);
  }

  countRecoveryCodesLeft(userId: string): Promise<number> {
    const codes = [...(this.usableCodes(userId)?.values() ?? [])];
    return Promise.resolve(codes.filter((used) => !used).length);
  }

  createChallenge(challenge: MfaChallengeRecord): Promise<void> {
    this.challenges.set(challenge.idHash, { ...challenge, spent: false });
    return Promise.resolve();
  }

  findChallenge(idHash: string, now: Date): Promise<MfaChallengeRecord | null> {
    const found = this.live(idHash, now);
    if (!found) return Promise.resolve(null);
    const { spent: _spent, ...record } = found;
    return Promise.resolve(record);
  }

  consumeChallenge(idHash: string, now: Date): Promise<boolean> {
    const found = this.live(idHash, now);
    if (!found) return Promise.resolve(false);
    found.spent = true;
    return Promise.resolve(true);
  }

  purgeExpired(now: Date): Promise<void> {
    for (const [key, challenge] of this.challenges) {
      if (challenge.spent || challenge.expiresAt <= now) this.challenges.delete(key);
    }
    return Promise.resolve();
  }

  /** Like the SQL store: codes count only while the enrolment is on. */
  private usableCodes(userId: string): Map<string, boolean> | undefined {
    return this.enrolments.get(userId)?.enabledAt ? this.codes.get(userId) : undefined;
  }

  private live(idHash: string, now: Date): StoredChallenge | null {
    const found = this.challenges.get(idHash);
    return found && !found.spent && found.expiresAt > now ? found : null;
  }
}
