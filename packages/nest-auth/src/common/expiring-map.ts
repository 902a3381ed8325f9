/** Size at which a `set` first sweeps expired entries before adding. */
const INITIAL_SWEEP_THRESHOLD = 10_000;

/**
 * A `Map` whose entries expire by a predicate, for the in-memory stores. Expired entries read as
 * absent and are dropped by `sweep` (the owner's timer) or by `set` when the map has grown past a
 * threshold, so a flood of one-off keys cannot grow memory without bound. The threshold doubles
 * when a sweep frees little, so a map full of live entries is not rescanned on every write.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, V>();
  private sweepThreshold = INITIAL_SWEEP_THRESHOLD;

  constructor(private readonly isExpired: (value: V, now: number) => boolean) {}

  get size(): number {
    return this.entries.size;
  }

  /** The live value under `key`, or `undefined` when absent or expired. */
  get(key: string, now: number): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    if (!this.isExpired(value, now)) return value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, now: number): void {
    if (!this.entries.has(key) && this.entries.size >= this.sweepThreshold) {
      this.sweep(now);
      this.sweepThreshold = Math.max(INITIAL_SWEEP_THRESHOLD, this.entries.size * 2);
    }
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every expired entry. */
  sweep(now: number): void {
    for (const [key, value] of this.entries) {
      if (this.isExpired(value, now)) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
