import { existsSync, readFileSync } from 'node:fs';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
import type { ThreadPriority } from './bcrypt-worker-pool';
import { canLowerThreadPriority, currentThreadId } from '../settings/thread-priority';
import { WorkerBcryptPasswordHasher } from './worker-bcrypt-password-hasher';

const PASSWORD = 'correct horse battery staple';

/** A thread's nice value as the kernel reports it: field 19 of /proc/self/task/<tid>/stat. */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // Field 2 (the name) is in parentheses and may hold spaces; count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19 - 3]);
}

const onLinux = process.platform === 'linux' && canLowerThreadPriority();

describe('WorkerBcryptPasswordHasher', () => {
  let hasher: WorkerBcryptPasswordHasher;

  beforeEach(() => {
    hasher = new WorkerBcryptPasswordHasher(4, 2);
  });

  afterEach(async () => {
    await hasher.onApplicationShutdown();
  });

  it('starts no worker before the first hash', () => {
    expect(hasher.pool.workers).toHaveLength(0);
  });

  it('hashes on a worker thread whose nice is 19, and leaves the calling thread as it was', async () => {
    expect(onLinux).toBe(process.platform === 'linux');
    const callerNice = onLinux ? niceOf(currentThreadId()) : 0;
    await hasher.hash(PASSWORD);

    const [priority] = await Promise.all(hasher.pool.workers.map((w) => w.priority));
    if (onLinux) {
      expect(priority).toEqual({ tid: expect.any(Number), nice: 19 });
      const { tid } = priority as Extract<ThreadPriority, { tid: number }>;
      expect(tid).not.toBe(currentThreadId());
      expect(niceOf(tid)).toBe(19);
      expect(niceOf(currentThreadId())).toBe(callerNice);
    } else {
      expect(priority).toEqual({ tid: null, reason: expect.any(String) });
    }
  });

  it('never runs more calls at once than it has threads; the rest wait, in order, and all answer', async () => {
    const calls = Array.from({ length: 6 }, (_, i) => hasher.hash(`${PASSWORD} ${i}`));

    expect(hasher.pool.workers).toHaveLength(2);
    expect(hasher.pool.waiting).toBe(4);
    const hashes = await Promise.all(calls);
    expect(hasher.pool.workers).toHaveLength(2);
    expect(hasher.pool.waiting).toBe(0);
    for (const [i, hash] of hashes.entries()) {
      await expect(hasher.verify(`${PASSWORD} ${i}`, hash)).resolves.toBe(true);
    }
  });

  // Cost 12 (a quarter of a second or more) so the calls are surely still running when the
  // workers are terminated; a cheap one could answer first.
  it('rejects the call of a worker killed mid-call as a 503, and the next call works', async () => {
    const slow = new WorkerBcryptPasswordHasher(12, 1);
    try {
      const hash = await slow.hash(PASSWORD);
      const [victim] = slow.pool.workers;

      const killed = slow.verify(PASSWORD, hash);
      await victim.worker.terminate();

      await expect(killed).rejects.toBeInstanceOf(AuthStoreUnavailableError);
      await expect(killed).rejects.toMatchObject({ status: 503, store: 'password hasher' });
      expect(slow.pool.workers.map((w) => w.worker)).not.toContain(victim.worker);
      await expect(slow.verify(PASSWORD, hash)).resolves.toBe(true);
      expect(slow.pool.workers).toHaveLength(1);
    } finally {
      await slow.onApplicationShutdown();
    }
  });

  it('terminates its workers on close, rejecting running, waiting and later calls', async () => {
    hasher = new WorkerBcryptPasswordHasher(12, 2);
    await Promise.all([hasher.hash(PASSWORD), hasher.hash(PASSWORD)]);
    const workers = hasher.pool.workers;
    const priorities = await Promise.all(workers.map((w) => w.priority));
    const exits = workers.map(
      ({ worker }) => new Promise((resolve) => worker.once('exit', resolve)),
    );
    // Two in flight on the workers, one waiting.
    const calls = Promise.allSettled(Array.from({ length: 3 }, () => hasher.hash(PASSWORD)));

    await hasher.onApplicationShutdown();

    await Promise.all(exits);
    expect(hasher.pool.workers).toHaveLength(0);
    for (const call of await calls) {
      expect(call).toEqual({ status: 'rejected', reason: expect.any(AuthStoreUnavailableError) });
    }
    await expect(hasher.hash(PASSWORD)).rejects.toBeInstanceOf(AuthStoreUnavailableError);
    for (const priority of priorities) {
      if (priority.tid !== null) expect(existsSync(`/proc/self/task/${priority.tid}`)).toBe(false);
    }
  });
});
