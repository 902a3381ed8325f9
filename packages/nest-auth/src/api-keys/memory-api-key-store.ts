import { type ApiKeyInsertResult, type ApiKeyRecord, ApiKeyStore } from './api-key-store';

const copy = (r: ApiKeyRecord): ApiKeyRecord => ({ ...r, scopes: [...r.scopes] });
const isLive = (r: ApiKeyRecord, nowMs: number): boolean =>
  r.revokedAt === null && (r.expiresAt === null || r.expiresAt.getTime() > nowMs);
/** When the key stopped working: the earlier of its revocation and its expiry. */
const endOf = (r: ApiKeyRecord): number =>
  Math.min(r.revokedAt?.getTime() ?? Infinity, r.expiresAt?.getTime() ?? Infinity);

/**
 * Keys in a `Map`, for `store: memory` (one process; lost on restart). Bounded by the per-user
 * limit on live keys and by `purge`. Returns copies, so callers cannot change what it holds.
 */
export class MemoryApiKeyStore extends ApiKeyStore {
  private readonly byId = new Map<string, ApiKeyRecord>();
  private readonly idByPrefix = new Map<string, string>();

  /** @inheritdoc */
  insert(record: ApiKeyRecord, maxLive: number): Promise<ApiKeyInsertResult> {
    const now = record.createdAt.getTime();
    if (this.idByPrefix.has(record.prefix)) return Promise.resolve('prefix_taken');
    const live = this.ofUser(record.userId).filter((r) => isLive(r, now)).length;
    if (live >= maxLive) return Promise.resolve('limit_reached');
    this.byId.set(record.id, copy(record));
    this.idByPrefix.set(record.prefix, record.id);
    return Promise.resolve('inserted');
  }

  /** @inheritdoc */
  findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const id = this.idByPrefix.get(prefix);
    const record = id === undefined ? undefined : this.byId.get(id);
    return Promise.resolve(record ? copy(record) : null);
  }

  /** @inheritdoc */
  listByUser(userId: string): Promise<ApiKeyRecord[]> {
    const keys = this.ofUser(userId).filter((r) => r.revokedAt === null);
    keys.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return Promise.resolve(keys.map(copy));
  }

  /** @inheritdoc */
  countLive(userId: string, nowMs: number): Promise<number> {
    return Promise.resolve(this.ofUser(userId).filter((r) => isLive(r, nowMs)).length);
  }

  /** @inheritdoc */
  revoke(userId: string, id: string, nowMs: number): Promise<boolean> {
    const record = this.byId.get(id);
    if (!record || record.userId !== userId || record.revokedAt !== null) {
      return Promise.resolve(false);
    }
    record.revokedAt = new Date(nowMs);
    return Promise.resolve(true);
  }

  /** @inheritdoc */
  revokeAllForUser(userId: string, nowMs: number): Promise<number> {
    const live = this.ofUser(userId).filter((r) => r.revokedAt === null);
    for (const record of live) record.revokedAt = new Date(nowMs);
    return Promise.resolve(live.length);
  }

  /** @inheritdoc */
  recordUse(id: string, nowMs: number, minIntervalMs: number): Promise<boolean> {
    const record = this.byId.get(id);
    if (!record) return Promise.resolve(false);
    if (record.lastUsedAt && record.lastUsedAt.getTime() > nowMs - minIntervalMs) {
      return Promise.resolve(false);
    }
    record.lastUsedAt = new Date(nowMs);
    return Promise.resolve(true);
  }

  /** @inheritdoc */
  purge(beforeMs: number): Promise<number> {
    let removed = 0;
    for (const record of this.byId.values()) {
      if (endOf(record) >= beforeMs) continue;
      this.byId.delete(record.id);
      this.idByPrefix.delete(record.prefix);
      removed++;
    }
    return Promise.resolve(removed);
  }

  private ofUser(userId: string): ApiKeyRecord[] {
    return [...this.byId.values()].filter((r) => r.userId === userId);
  }
}
