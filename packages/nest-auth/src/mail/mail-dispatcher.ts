import { type BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { DEFAULT_MAIL_RETRY, isRetryable, type MailRetryPolicy, retryDelayMs } from './mail-retry';

/** Jobs running at once: enough for a burst, few enough to leave the database and SMTP alone. */
const CONCURRENCY = 4;
/** Jobs waiting or waiting to retry; past this, new ones are dropped (logged), memory stays bounded. */
const MAX_QUEUED = 1000;
/** How long shutdown waits for jobs to finish before it lets the SMTP transport close. */
const DRAIN_MS = 5000;

/** A background job, named for the logs (never with a token or a link). */
export interface MailJob {
  name: string;
  run(): Promise<void>;
}

/** A job with its tries so far. */
interface QueuedJob {
  job: MailJob;
  tries: number;
  firstTriedAt: number;
}

/**
 * Runs the work behind "we sent you a link" (look up the account, issue a token, send the
 * message) after the response has gone, so the answer takes the same time whether or not the
 * account exists. Bounded: at most `CONCURRENCY` jobs run and `MAX_QUEUED` wait (to run or to
 * retry). A failure is logged by job name and error class only, so no token or link reaches the log.
 *
 * A job that fails because a store was unavailable (a database blip during registration) is
 * tried again with exponential backoff, for at most `retry.giveUpAfterMs`; then it is given up
 * (logged) and the user asks again (`resend`, or a new reset request).
 *
 * On shutdown it takes no new jobs, abandons (logged) the ones waiting to retry, and waits (at most
 * `drainMs`) for the others, before `onApplicationShutdown` closes the SMTP transport and stores.
 */
export class MailDispatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AuthMail');
  private readonly queue: QueuedJob[] = [];
  private readonly retries = new Map<NodeJS.Timeout, QueuedJob>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly drainMs = DRAIN_MS,
    private readonly retry: MailRetryPolicy = DEFAULT_MAIL_RETRY,
  ) {}

  /**
   * Queues the job; returns false (and logs) when it was dropped: the queue is full or the
   * application is shutting down.
   */
  enqueue(job: MailJob): boolean {
    if (this.closed) {
      this.logger.warn(`Shutting down; dropped a "${job.name}" job.`);
      return false;
    }
    return this.admit({ job, tries: 0, firstTriedAt: 0 });
  }

  /** Resolves when no job runs, waits or waits to retry (tests, graceful shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.abandonRetries();
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

  private admit(queued: QueuedJob): boolean {
    if (this.queue.length + this.retries.size >= MAX_QUEUED) {
      this.logger.warn(`Mail queue full (${MAX_QUEUED}); dropped a "${queued.job.name}" job.`);
      return false;
    }
    this.queue.push(queued);
    this.pump();
    return true;
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const queued = this.queue.shift() as QueuedJob;
      this.running++;
      // Deferred past the current tick: the caller's response is written before any job work.
      setImmediate(() => void this.runJob(queued));
    }
  }

  private async runJob(queued: QueuedJob): Promise<void> {
    queued.tries++;
    if (queued.tries === 1) queued.firstTriedAt = Date.now();
    try {
      await queued.job.run();
    } catch (error) {
      this.failed(queued, error);
    } finally {
      this.running--;
      this.pump();
      this.notifyIfIdle();
    }
  }

  /** Schedules another try when the error is a store outage and the bound allows one. */
  private failed({ job, tries, firstTriedAt }: QueuedJob, error: unknown): void {
    const what = `Mail job "${job.name}" failed (try ${tries}): ${describeError(error)}`;
    const delay = isRetryable(error)
      ? retryDelayMs(this.retry, tries + 1, firstTriedAt, Date.now())
      : null;
    if (delay === null || this.closed) {
      this.logger.error(isRetryable(error) ? `${what}; gave up` : what);
      return;
    }
    this.logger.warn(`${what}; trying again in ${Math.ceil(delay / 1000)} s`);
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      if (!this.closed) this.admit({ job, tries, firstTriedAt });
      this.notifyIfIdle();
    }, delay);
    timer.unref();
    this.retries.set(timer, { job, tries, firstTriedAt });
  }

  /** At shutdown a job waiting to retry would wait past the drain bound: it is given up now. */
  private abandonRetries(): void {
    if (this.retries.size === 0) return;
    for (const timer of this.retries.keys()) clearTimeout(timer);
    const names = [...new Set([...this.retries.values()].map(({ job }) => job.name))];
    this.logger.warn(
      `Shutting down; abandoned ${this.retries.size} mail job(s) waiting to retry ` +
        `(${names.join(', ')}); the users can ask for a new link.`,
    );
    this.retries.clear();
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    return this.running === 0 && this.queue.length === 0 && this.retries.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
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
