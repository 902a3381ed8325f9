import { AuthStoreUnavailableError } from './auth.errors';
import { AuthLog } from '../logging/auth-log';

interface Outage {
  startedAt: number;
  failedCalls: number;
  refusedRequests: number;
}

/**
 * Logs each dependency outage twice, not once per request: a warning when a store's first call
 * fails ("outage started", with the cause's message, never its stack), and a line when a call
 * succeeds again ("outage ended", with how long it lasted and how many requests were refused).
 * Each refused request is logged at debug, without a stack. Every store reports here: the Redis
 * and SQL helpers (`runRedis`, `runStatement`, `SqlStore`) do it for the module's stores, and a
 * host's own store calls `run`, or `failed` and `succeeded`, the same way.
 */
export class StoreOutages {
  private readonly logger = new AuthLog('StoreOutage');
  private readonly outages = new Map<string, Outage>();

  /**
   * Runs one call of `store` and records how it went.
   * @throws AuthStoreUnavailableError naming `store` when the call fails
   */
  async run<T>(store: string, call: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      throw this.failed(store, error);
    }
    this.succeeded(store);
    return result;
  }

  /** Records a failed call of `store`; returns the error to throw. */
  failed(store: string, cause: unknown): AuthStoreUnavailableError {
    this.outageOf(store, cause).failedCalls++;
    return new AuthStoreUnavailableError(store, cause);
  }

  /** Records a call of `store` that was answered; ends its outage, if one is running. */
  succeeded(store: string): void {
    const outage = this.outages.get(store);
    if (!outage) return;
    this.outages.delete(store);
    const seconds = ((Date.now() - outage.startedAt) / 1000).toFixed(1);
    this.logger.log(
      `Dependency outage ended: the ${store} answers again after ${seconds} s; ` +
        `${outage.refusedRequests} request(s) were refused with 503 meanwhile.`,
      { store, durationSeconds: Number(seconds), refusedRequests: outage.refusedRequests },
    );
  }

  /** Counts a request answered 503 because of `error` (the exception filter calls it). */
  refused(error: AuthStoreUnavailableError): void {
    this.outageOf(error.store, error.cause).refusedRequests++;
    this.logger.debug(`Request refused: the ${error.store} is unavailable.`, {
      store: error.store,
    });
  }

  /** Whether `store` is in an outage now. */
  isDown(store: string): boolean {
    return this.outages.has(store);
  }

  private outageOf(store: string, cause: unknown): Outage {
    let outage = this.outages.get(store);
    if (outage) return outage;
    outage = { startedAt: Date.now(), failedCalls: 0, refusedRequests: 0 };
    this.outages.set(store, outage);
    this.logger.warn(
      `Dependency outage started: the ${store} is unavailable (${describe(cause)}); requests ` +
        'that need it are refused with 503 until it answers again.',
      { store, cause: describe(cause) },
    );
    return outage;
  }
}

/** The cause in one line (class and message), never its stack. */
function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return 'no cause given';
  const code = (cause as { code?: unknown }).code;
  const text = `${cause.name}: ${cause.message}`.replace(/\/\/[^/@\s]*@/g, '//***@');
  return typeof code === 'string' && !text.includes(code) ? `${text} [${code}]` : text;
}

/** The process's one registry: stores and the exception filter share it. */
export const storeOutages = new StoreOutages();
