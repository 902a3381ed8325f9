import {
  type ExternalIdentity,
  ExternalIdentityStore,
  type LinkOutcome,
} from './external-identity-store';

const keyOf = (issuer: string, subject: string): string => JSON.stringify([issuer, subject]);

/** External identities in this process's memory (`store: 'memory'`). */
export class MemoryExternalIdentityStore extends ExternalIdentityStore {
  private readonly byKey = new Map<string, ExternalIdentity>();

  /** @inheritdoc */
  link(identity: ExternalIdentity): Promise<LinkOutcome> {
    const key = keyOf(identity.issuer, identity.subject);
    const existing = this.byKey.get(key);
    if (existing) return Promise.resolve({ linked: false, existing: { ...existing } });
    this.byKey.set(key, { ...identity });
    return Promise.resolve({ linked: true, identity: { ...identity } });
  }

  /** @inheritdoc */
  findBySubject(issuer: string, subject: string): Promise<ExternalIdentity | null> {
    const found = this.byKey.get(keyOf(issuer, subject));
    return Promise.resolve(found ? { ...found } : null);
  }

  /** @inheritdoc */
  listByUser(userId: string): Promise<ExternalIdentity[]> {
    const mine = [...this.byKey.values()].filter((i) => i.userId === userId);
    mine.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    return Promise.resolve(mine.map((i) => ({ ...i })));
  }

  /** @inheritdoc */
  remove(userId: string, id: string): Promise<boolean> {
    for (const [key, identity] of this.byKey) {
      if (identity.id !== id || identity.userId !== userId) continue;
      this.byKey.delete(key);
      return Promise.resolve(true);
    }
    return Promise.resolve(false);
  }
}
