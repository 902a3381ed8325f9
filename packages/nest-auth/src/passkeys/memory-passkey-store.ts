import { PeriodicTask } from '../common/periodic-task';
import type { Clock } from '../common/clock';
import {
  type PasskeyChallengeRecord,
  type PasskeyInsertResult,
  type PasskeyRecord,
  PasskeyStore,
} from './passkey-store';

const copy = (r: PasskeyRecord): PasskeyRecord => ({ ...r, transports: [...r.transports] });

interface HeldChallenge {
  record: PasskeyChallengeRecord;
  used: boolean;
}

/**
 * Passkeys in `Map`s, for `store: memory` (one process; lost on restart). JavaScript runs one
 * callback at a time, so each method is atomic. Returns copies, so callers cannot change it.
 */
export class MemoryPasskeyStore extends PasskeyStore {
  private readonly byId = new Map<string, PasskeyRecord>();
  private readonly challenges = new Map<string, HeldChallenge>();
  private readonly purge: PeriodicTask;

  constructor(
    private readonly clock: Clock = Date.now,
    seed: PasskeyRecord[] = [],
  ) {
    super();
    for (const record of seed) this.byId.set(record.id, copy(record));
    this.purge = new PeriodicTask(MemoryPasskeyStore.name, () =>
      this.purgeExpired(new Date(this.clock())),
    );
  }

  /** Stops the purge timer (Nest calls it on `app.close()`). */
  onApplicationShutdown(): void {
    this.purge.stop();
  }

  /** @inheritdoc */
  insert(record: PasskeyRecord, maxPerUser: number): Promise<PasskeyInsertResult> {
    if (this.find(record.credentialId)) return Promise.resolve('credential_taken');
    if (this.ofUser(record.userId).length >= maxPerUser) return Promise.resolve('limit_reached');
    this.byId.set(record.id, copy(record));
    return Promise.resolve('inserted');
  }

  /** @inheritdoc */
  findByCredentialId(credentialId: string): Promise<PasskeyRecord | null> {
    const record = this.find(credentialId);
    return Promise.resolve(record ? copy(record) : null);
  }

  /** @inheritdoc */
  listByUser(userId: string): Promise<PasskeyRecord[]> {
    const records = this.ofUser(userId).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
    );
    return Promise.resolve(records.map(copy));
  }

  /** @inheritdoc */
  countByUser(userId: string): Promise<number> {
    return Promise.resolve(this.ofUser(userId).length);
  }

  /** @inheritdoc */
  rename(userId: string, id: string, name: string): Promise<PasskeyRecord | null> {
    const record = this.byId.get(id);
    if (!record || record.userId !== userId) return Promise.resolve(null);
    record.name = name;
    return Promise.resolve(copy(record));
  }

  /** @inheritdoc */
  delete(userId: string, id: string): Promise<boolean> {
    const record = this.byId.get(id);
    if (!record || record.userId !== userId) return Promise.resolve(false);
    return Promise.resolve(this.byId.delete(id));
  }

  /** @inheritdoc */
  recordUse(id: string, counter: number, backedUp: boolean, now: Date): Promise<boolean> {
    const record = this.byId.get(id);
    if (!record || !(record.counter < counter || (record.counter === 0 && counter === 0))) {
      return Promise.resolve(false);
    }
    Object.assign(record, { counter, backedUp, lastUsedAt: now });
    return Promise.resolve(true);
  }

  /** @inheritdoc */
  createChallenge(challenge: PasskeyChallengeRecord): Promise<void> {
    this.challenges.set(challenge.id, { record: { ...challenge }, used: false });
    return Promise.resolve();
  }

  /** @inheritdoc */
  consumeChallenge(id: string, now: Date): Promise<PasskeyChallengeRecord | null> {
    return Promise.resolve(this.spend(this.challenges.get(id), now));
  }

  /** @inheritdoc */
  consumeChallengeByHash(challengeHash: string, now: Date): Promise<PasskeyChallengeRecord | null> {
    const held = [...this.challenges.values()].find(
      (c) => c.record.challengeHash === challengeHash,
    );
    return Promise.resolve(this.spend(held, now));
  }

  /** @inheritdoc */
  purgeExpired(now: Date): Promise<void> {
    for (const [id, held] of this.challenges) {
      if (held.used || held.record.expiresAt <= now) this.challenges.delete(id);
    }
    return Promise.resolve();
  }

  private spend(held: HeldChallenge | undefined, now: Date): PasskeyChallengeRecord | null {
    if (!held || held.used || held.record.expiresAt <= now) return null;
    held.used = true;
    return { ...held.record };
  }

  private find(credentialId: string): PasskeyRecord | undefined {
    return [...this.byId.values()].find((r) => r.credentialId === credentialId);
  }

  private ofUser(userId: string): PasskeyRecord[] {
    return [...this.byId.values()].filter((r) => r.userId === userId);
  }
}
