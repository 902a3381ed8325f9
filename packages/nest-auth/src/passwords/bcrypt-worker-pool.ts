import { Worker } from 'node:worker_threads';
import { AuthStoreUnavailableError } from '../errors/auth.errors';
import { AuthLog } from '../logging/auth-log';
import { BCRYPT_WORKER_SOURCE } from './bcrypt-worker-source';
import { LOWEST_PRIORITY } from '../settings/thread-priority';

/** One bcrypt call for a worker. */
export type BcryptRequest =
  | { op: 'hash'; password: string; rounds: number }
  | { op: 'compare'; password: string; hash: string };

/** What a worker thread got when it lowered its priority: its id and nice, or why it could not. */
export type ThreadPriority = { tid: number; nice: number } | { tid: null; reason: string };

type WorkerMessage = { priority: ThreadPriority } | { value: string | boolean } | { error: string };

interface Task {
  request: BcryptRequest;
  resolve: (value: string | boolean) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  task: Task | null;
  priority: Promise<ThreadPriority>;
  settlePriority: (priority: ThreadPriority) => void;
}

// Seconds a client should wait before retrying a login whose worker died: a new one starts at once.
const CRASH_RETRY_AFTER = 1;

/**
 * At most `size` bcrypt calls at once, each on a worker thread of its own at the lowest priority;
 * the rest wait in arrival order. Workers start with the first calls, never keep the process
 * alive while idle, and a worker that dies takes only its own call with it (rejected as a 503,
 * `AuthStoreUnavailableError('password hasher')`); the next call starts a new one.
 */
export class BcryptWorkerPool {
  private readonly log = new AuthLog('BcryptWorkerPool');
  private readonly threads: Thread[] = [];
  private readonly queue: Task[] = [];
  private readonly bcryptPath = require.resolve('bcrypt');
  private closed = false;
  private warned = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be 1 or more');
  }

  /** Runs `request` on a free worker, or once one is free. */
  run(request: BcryptRequest): Promise<string | boolean> {
    if (this.closed) return Promise.reject(this.unavailable(new Error('the pool is closed')));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  /** Calls waiting for a free worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /** The live worker threads and, once each has started, its priority. */
  get workers(): readonly { worker: Worker; priority: Promise<ThreadPriority> }[] {
    return this.threads.map(({ worker, priority }) => ({ worker, priority }));
  }

  /** Terminates the workers; calls in flight or waiting are rejected, later ones too. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) {
      task.reject(this.unavailable(new Error('the pool is closed')));
    }
    await Promise.all(this.threads.map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread =
        this.threads.find(({ task }) => task === null) ??
        (this.threads.length < this.size ? this.spawn() : undefined);
      if (!thread) return;
      const task = this.queue.shift()!;
      thread.task = task;
      // Busy, the worker keeps the process alive until it answers (a CLI awaiting one hash).
      thread.worker.ref();
      thread.worker.postMessage(task.request);
    }
  }

  private spawn(): Thread {
    const worker = new Worker(BCRYPT_WORKER_SOURCE, {
      eval: true,
      workerData: { bcrypt: this.bcryptPath, nice: LOWEST_PRIORITY },
    });
    worker.unref();
    let settlePriority!: (priority: ThreadPriority) => void;
    const priority = new Promise<ThreadPriority>((resolve) => (settlePriority = resolve));
    const thread: Thread = { worker, task: null, priority, settlePriority };
    worker.on('message', (message: WorkerMessage) => this.onMessage(thread, message));
    worker.on('error', (error) => this.onExit(thread, error));
    worker.on('exit', (code) => this.onExit(thread, new Error(`exited with code ${code}`)));
    this.threads.push(thread);
    return thread;
  }

  private onMessage(thread: Thread, message: WorkerMessage): void {
    if ('priority' in message) {
      thread.settlePriority(message.priority);
      this.warnIfNormalPriority(message.priority);
      return;
    }
    const task = thread.task;
    if (!task) return;
    thread.task = null;
    thread.worker.unref();
    if ('error' in message) task.reject(new Error(`bcrypt: ${message.error}`));
    else task.resolve(message.value);
    this.dispatch();
  }

  /** A worker crashed or was terminated: its call fails, and the queue moves on without it. */
  private onExit(thread: Thread, cause: Error): void {
    const index = this.threads.indexOf(thread);
    if (index === -1) return;
    this.threads.splice(index, 1);
    thread.settlePriority({ tid: null, reason: cause.message });
    if (thread.task) {
      if (!this.closed)
        this.log.warn('a bcrypt worker died; its call failed', { cause: cause.message });
      thread.task.reject(this.unavailable(cause));
      thread.task = null;
    }
    if (!this.closed) this.dispatch();
  }

  private warnIfNormalPriority(priority: ThreadPriority): void {
    if (this.warned || (priority.tid !== null && priority.nice === LOWEST_PRIORITY)) return;
    this.warned = true;
    this.log.warn(
      'bcrypt worker threads run at normal priority: hashing on every core will slow other ' +
        'requests during a login storm; set password.max_concurrent_hashes to cores − 1',
      { reason: priority.tid === null ? priority.reason : `nice ${priority.nice}` },
    );
  }

  private unavailable(cause: Error): AuthStoreUnavailableError {
    return new AuthStoreUnavailableError('password hasher', cause, CRASH_RETRY_AFTER);
  }
}
