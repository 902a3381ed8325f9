import { PasswordHasher } from './password-hasher';
import { Semaphore } from './semaphore';

/**
 * Runs at most `maxConcurrent` hashes and verifications of `inner` at once
 * (`password.max_concurrent_hashes`). libuv's pool (4 threads by default) would otherwise run as
 * many as it has threads: on a 2-core machine those saturate both cores and the event loop waits
 * for a core, so every authenticated request slows down during a login storm. Fewer slots keep a
 * core for the event loop at the cost of login throughput; extra logins queue here, in order.
 */
export class ConcurrencyLimitedPasswordHasher extends PasswordHasher {
  private readonly slots: Semaphore;

  /** @param inner the hasher that does the work (the `DelegatingPasswordHasher` by default) */
  constructor(
    readonly inner: PasswordHasher,
    maxConcurrent: number,
  ) {
    super();
    this.slots = new Semaphore(maxConcurrent);
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => this.inner.hash(password));
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.slots.run(() => this.inner.verify(password, hash));
  }

  needsRehash(hash: string): boolean {
    return this.inner.needsRehash(hash);
  }

  override canVerify(hash: string): boolean {
    return this.inner.canVerify(hash);
  }
}
