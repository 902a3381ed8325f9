import { availableParallelism } from 'node:os';
import { canLowerThreadPriority } from './thread-priority';
import type { PasswordAlgorithm } from './auth-settings';

// libuv's own default when UV_THREADPOOL_SIZE is unset or invalid (it reads the variable itself).
const LIBUV_DEFAULT_POOL_SIZE = 4;

/** The size of libuv's thread pool in this process, as libuv reads it at its first use. */
export function threadPoolSize(env: Record<string, string | undefined>): number {
  const size = Number.parseInt(env.UV_THREADPOOL_SIZE ?? '', 10);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : LIBUV_DEFAULT_POOL_SIZE;
}

/**
 * The default of `password.max_concurrent_hashes` for hashing on libuv's pool (argon2): one core
 * and one pool thread fewer than the machine has, at least 1. Each argon2 run holds a core and a
 * libuv thread for its whole length at the event loop's priority, so more hashes than
 * `cores - 1` at once leave the event loop queueing for a core (every authenticated request
 * slows down during a login storm), and a pool full of hashes stalls file, DNS and other crypto
 * work behind them.
 */
export function defaultMaxConcurrentHashes(cores: number, poolSize: number): number {
  return Math.max(1, Math.min(cores - 1, poolSize - 1));
}

/**
 * The default for bcrypt, which runs on worker threads of its own: every core when those threads
 * can take the lowest priority (the kernel then runs the event loop first), else `cores - 1`.
 */
export function defaultWorkerHashConcurrency(cores: number, lowPriority: boolean): number {
  return lowPriority ? Math.max(1, cores) : Math.max(1, cores - 1);
}

/** The default of `password.max_concurrent_hashes` for `algorithm` in this process. */
export function processMaxConcurrentHashes(algorithm: PasswordAlgorithm): number {
  return algorithm === 'bcrypt'
    ? defaultWorkerHashConcurrency(availableParallelism(), canLowerThreadPriority())
    : defaultMaxConcurrentHashes(availableParallelism(), threadPoolSize(process.env));
}
