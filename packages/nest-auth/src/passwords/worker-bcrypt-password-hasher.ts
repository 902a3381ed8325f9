import type { OnApplicationShutdown } from '@nestjs/common';
import { BcryptPasswordHasher } from './bcrypt-password-hasher';
import { BcryptWorkerPool } from './bcrypt-worker-pool';

/**
 * bcrypt on `threads` worker threads of the lowest priority (nice 19 on Linux) instead of libuv's
 * pool: the kernel then always runs the event loop first, so hashing may use every core without
 * slowing the other requests. The checks and formats are `BcryptPasswordHasher`'s (72 bytes, no
 * NUL, `$2a$`/`$2b$`/`$2y$`). The workers stop with the app (`onApplicationShutdown`).
 */
export class WorkerBcryptPasswordHasher
  extends BcryptPasswordHasher
  implements OnApplicationShutdown
{
  /** The workers; `pool.workers` tells their priority. */
  readonly pool: BcryptWorkerPool;

  /**
   * @param rounds the cost of new hashes (4–31)
   * @param threads the most hashes at once, one worker thread each
   */
  constructor(rounds: number, threads: number) {
    super(rounds);
    this.pool = new BcryptWorkerPool(threads);
  }

  protected override async digest(password: string): Promise<string> {
    return (await this.pool.run({ op: 'hash', password, rounds: this.rounds })) as string;
  }

  protected override async compare(password: string, hash: string): Promise<boolean> {
    return (await this.pool.run({ op: 'compare', password, hash })) as boolean;
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }
}
