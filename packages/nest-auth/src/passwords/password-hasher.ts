/** Hashes and verifies passwords. Implementations run the work off the event loop. */
export abstract class PasswordHasher {
  /** @returns a self-describing hash string (algorithm and cost inside). */
  abstract hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash this hasher cannot read; never throws for either. */
  abstract verify(password: string, hash: string): Promise<boolean>;
  /** True when `hash` was made with another algorithm or cost than the current configuration. */
  abstract needsRehash(hash: string): boolean;

  /**
   * Whether `hash` is in a format this hasher reads. A stored hash nothing can read is a data
   * problem (a corrupt row, a foreign format), logged as such instead of as a wrong password.
   * @default true, for hashers that do not tell
   */
  canVerify(hash: string): boolean {
    void hash;
    return true;
  }
}
