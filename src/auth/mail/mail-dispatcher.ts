import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';

/** Jobs running at once: enough for a burst, few enough to leave the database and SMTP alone. */
const CONCURRENCY = 4;
/** Jobs waiting; past this, new ones are dropped (logged) instead of growing memory. */
const MAX_QUEUED = 1000;
/** How long shutdown waits for jobs to finish before it lets the SMTP transport close. */
const DRAIN_MS = 5000;

/** A background job, named for the logs (never with a token or a link). */
export interface MailJob {
  name: string;
  run(): Promise<void>;
}

/**
 * Runs the work behind "we sent you a link" (look up the account, issue a token, send the
 * message) after the response has gone, so the answer takes the same time whether or not the
 * account exists. Bounded: at most `CONCURRENCY` jobs run and `MAX_QUEUED` wait. A failure is
 * logged by job name and error class only, so no token or link reaches the log.
 *
 * On shutdown it takes no new jobs and waits (at most `drainMs`) for the ones it holds, before
 * `onApplicationShutdown` closes the SMTP transport and the stores they use.
 */
export class MailDispatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AuthMail');
  private readonly queue: MailJob[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly drainMs = DRAIN_MS) {}

  /**
   * Queues the job; returns false (and logs) when it was dropped: the queue is full or the
   * application is shutting down.
   */
  enqueue(job: MailJob): boolean {
    if (this.closed) {
      this.logger.warn(`Shutting down; dropped a "${job.name}" job.`);
      return false;
    }
    if (this.queue.length >= MAX_QUEUED) {
      this.logger.warn(`Mail queue full (${MAX_QUEUED}); dropped a "${job.name}" job.`);
      return false;
    }
    this.queue.push(job);
    this.pump();
    return true;
  }

  /** Resolves when no job runs or waits (tests, graceful shutdown). */
  whenIdle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), this.drainMs);
    });
    const late = await Promise.race([this.whenIdle().then(() => false), timedOut]);
    clearTimeout(timer);
    if (!late) return;
    // Jobs not started yet are dropped; running ones may still fail once the transport closes.
    const dropped = this.queue.splice(0).length;
    this.logger.warn(
      `Mail jobs still busy after ${this.drainMs} ms at shutdown: ${this.running} running, ` +
        `${dropped} waiting dropped.`,
    );
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const job = this.queue.shift() as MailJob;
      this.running++;
      // Deferred past the current tick: the caller's response is written before any job work.
      setImmediate(() => void this.runJob(job));
    }
  }

  private async runJob(job: MailJob): Promise<void> {
    try {
      await job.run();
    } catch (error) {
      this.logger.error(`Mail job "${job.name}" failed: ${describeError(error)}`);
    } finally {
      this.running--;
      this.pump();
      if (this.running === 0 && this.queue.length === 0) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
  }
}

/**
 * The error's class, code and SMTP response code: enough to act on, without the message text,
 * which for some errors repeats the recipient or server reply verbatim.
 */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return [error.name, code, responseCode]
    .filter((part) => typeof part === 'string' || typeof part === 'number')
    .join(' ');
}
