import { type INestApplication, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Server } from 'node:http';
import { AuthLog } from '../logging/auth-log';
import { type DrainResult, HttpDrain } from './http-drain';

/** How a host shuts down on a signal. */
export interface GracefulShutdownOptions {
  /**
   * Seconds from the signal until connections still open are closed by force (in-flight requests
   * included). Keep it below the orchestrator's own limit (Kubernetes
   * `terminationGracePeriodSeconds`), which must also cover the module's shutdown (mail drain).
   * @default 10
   */
  graceSeconds?: number;
  /**
   * Seconds the server keeps accepting new connections after the signal, answering readiness
   * with 503, so a load balancer takes the instance out first. 0 when a Kubernetes `preStop`
   * hook already waits for that.
   * @default 0
   */
  delaySeconds?: number;
  /** @default ['SIGTERM', 'SIGINT'] */
  signals?: NodeJS.Signals[];
}

const DEFAULT_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Graceful shutdown for a Nest HTTP app on Express or Fastify, in place of
 * `app.enableShutdownHooks()`: on a signal, readiness turns 503 (`shuttingDown`), the HTTP server
 * drains (`HttpDrain`), then `app.close()` runs the modules' shutdown hooks in Nest's order (mail
 * queue drain, then stores, Redis clients and replicas) and the process exits 0.
 * Start it with `enableGracefulShutdown(app, options)`.
 */
@Injectable()
export class GracefulShutdown implements OnApplicationShutdown {
  private readonly logger = new AuthLog('GracefulShutdown');
  private drain: HttpDrain | null = null;
  private readonly listeners = new Map<NodeJS.Signals, () => void>();
  private started = false;

  /** True from the signal on; readiness checks answer 503 while it is. */
  get shuttingDown(): boolean {
    return this.started;
  }

  /** Tracks the app's HTTP server and listens for the signals. Call it before `app.listen()`. */
  enable(app: INestApplication, options: GracefulShutdownOptions = {}): void {
    this.drain = new HttpDrain(app.getHttpServer() as Server);
    for (const signal of options.signals ?? DEFAULT_SIGNALS) {
      const listener = () => void this.onSignal(app, options, signal);
      this.listeners.set(signal, listener);
      process.once(signal, listener);
    }
  }

  /**
   * Drains the HTTP server, then closes the app. For hosts that handle signals themselves.
   * @returns what the drain did
   */
  async shutdown(
    app: INestApplication,
    options: GracefulShutdownOptions = {},
  ): Promise<DrainResult> {
    if (!this.drain) throw new Error('GracefulShutdown.shutdown: call enable(app) first.');
    this.started = true;
    const graceSeconds = options.graceSeconds ?? 10;
    const result = await this.drain.drain({
      delayMs: (options.delaySeconds ?? 0) * 1000,
      graceMs: graceSeconds * 1000,
    });
    this.logDrained(result, graceSeconds);
    await app.close();
    return result;
  }

  onApplicationShutdown(): void {
    this.removeListeners();
    this.drain?.dispose();
  }

  private async onSignal(
    app: INestApplication,
    options: GracefulShutdownOptions,
    signal: NodeJS.Signals,
  ): Promise<void> {
    // A second signal now meets the default handler and ends the process at once.
    this.removeListeners();
    this.logger.log(
      `${signal} received: readiness answers 503; draining HTTP connections ` +
        `(grace ${options.graceSeconds ?? 10} s).`,
    );
    try {
      await this.shutdown(app, options);
      this.logger.log('Shutdown complete.');
      process.exit(0);
    } catch (error) {
      this.logger.error('Shutdown failed', error);
      process.exit(1);
    }
  }

  private logDrained({ forceClosed, elapsedMs }: DrainResult, graceSeconds: number): void {
    if (forceClosed === 0) {
      this.logger.log(`HTTP drained in ${elapsedMs} ms; closing the application.`);
      return;
    }
    this.logger.warn(
      `${forceClosed} request(s) still running after the ${graceSeconds} s grace period were ` +
        'cut off; closing the application.',
    );
  }

  private removeListeners(): void {
    for (const [signal, listener] of this.listeners) process.off(signal, listener);
    this.listeners.clear();
  }
}
