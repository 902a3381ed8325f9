import { defaultMaxConcurrentHashes, threadPoolSize } from './default-hash-concurrency';

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
