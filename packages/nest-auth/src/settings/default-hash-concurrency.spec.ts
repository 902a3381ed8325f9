import { availableParallelism } from 'node:os';
import {
  defaultMaxConcurrentHashes,
  defaultWorkerHashConcurrency,
  processMaxConcurrentHashes,
  threadPoolSize,
} from './default-hash-concurrency';
import { passwordSettingsSchema } from './password-settings.schema';
import { canLowerThreadPriority } from './thread-priority';

describe('defaultMaxConcurrentHashes', () => {
  it.each([
    [1, 4, 1],
    [2, 4, 1],
    [4, 4, 3],
    [16, 4, 3],
    [16, 16, 15],
    [8, 1, 1],
  ])('%i cores, a pool of %i threads → %i at once', (cores, pool, expected) => {
    expect(defaultMaxConcurrentHashes(cores, pool)).toBe(expected);
  });
});

describe('threadPoolSize', () => {
  it('reads UV_THREADPOOL_SIZE the way libuv does, 4 when unset or invalid', () => {
    expect(threadPoolSize({})).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '8' })).toBe(8);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '0' })).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: 'many' })).toBe(4);
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: '5000' })).toBe(1024);
  });
});

describe('defaultWorkerHashConcurrency (bcrypt on its own worker threads)', () => {
  it.each([
    [1, true, 1],
    [2, true, 2],
    [16, true, 16],
    [1, false, 1],
    [2, false, 1],
    [16, false, 15],
  ])('%i cores, low priority %p → %i at once', (cores, lowPriority, expected) => {
    expect(defaultWorkerHashConcurrency(cores, lowPriority)).toBe(expected);
  });
});

describe('processMaxConcurrentHashes', () => {
  it('gives bcrypt every core where threads can lower their priority, argon2id cores − 1', () => {
    const cores = availableParallelism();

    expect(processMaxConcurrentHashes('bcrypt')).toBe(
      canLowerThreadPriority() ? cores : Math.max(1, cores - 1),
    );
    expect(processMaxConcurrentHashes('argon2id')).toBe(
      defaultMaxConcurrentHashes(cores, threadPoolSize(process.env)),
    );
  });

  it("is password.max_concurrent_hashes' default for the configured algorithm; a set value, 0 too, stays", () => {
    expect(passwordSettingsSchema.parse({}).maxConcurrentHashes).toBe(
      processMaxConcurrentHashes('bcrypt'),
    );
    expect(passwordSettingsSchema.parse({ algorithm: 'argon2id' }).maxConcurrentHashes).toBe(
      processMaxConcurrentHashes('argon2id'),
    );
    expect(passwordSettingsSchema.parse({ maxConcurrentHashes: 0 }).maxConcurrentHashes).toBe(0);
    expect(passwordSettingsSchema.parse({ maxConcurrentHashes: '7' }).maxConcurrentHashes).toBe(7);
  });
});
