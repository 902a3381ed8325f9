import { Logger } from '@nestjs/common';

/** How often the stores purge expired entries by default. */
export const DEFAULT_PURGE_INTERVAL_MS = 60_000;

/**
 * Runs a housekeeping task (purging expired entries) every `intervalMs` on an unref'd timer, so
 * it never keeps the process alive, and never lets a failure escape as an unhandled rejection:
 * a missed purge only delays cleanup, the next run catches up.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null;
  private running = false;

  constructor(
    name: string,
    private readonly task: () => Promise<void> | void,
    intervalMs = DEFAULT_PURGE_INTERVAL_MS,
  ) {
    this.logger = new Logger(name);
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  /** Runs the task now unless a run is already under way; errors are logged, not thrown. */
  async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.task();
    } catch (error) {
      this.logger.warn(`Purge of expired entries failed; retrying later: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** Stops the timer; idempotent. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
