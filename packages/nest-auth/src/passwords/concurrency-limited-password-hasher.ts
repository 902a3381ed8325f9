import type { OnApplicationShutdown } from '@nestjs/common';
import { PasswordHasher } from './password-hasher';
import { Semaphore } from './semaphore';

/**
 * Runs at most `maxConcurrent` hashes and verifications of `inner` at once
 * (`password.max_concurrent_hashes`); extra logins queue here, in order. On libuv's pool (argon2,
 * or bcrypt with the limit at 0) as many hashes as the pool has threads would otherwise run at
 * the event loop's priority: on a 2-core machine they saturate both cores and every
 * authenticated request waits for a core during a login storm. bcrypt's low-priority worker
 * threads (`WorkerBcryptPasswordHasher`) are as many as this limit.
 */
export class ConcurrencyLimitedPasswordHasher
  extends PasswordHasher
  implements OnApplicationShutdown
{
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

  /** Stops what `inner` runs on (bcrypt's worker threads). */
  async onApplicationShutdown(): Promise<void> {
    await (this.inner as Partial<OnApplicationShutdown>).onApplicationShutdown?.();
  }
}
