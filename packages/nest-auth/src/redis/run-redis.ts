import { storeOutages } from '../errors/store-outages';

/**
 * Runs one Redis call of a store.
 * @throws AuthStoreUnavailableError naming `storeName` for any failure (refused connection,
 * command timeout, no connection while the client reconnects, an error reply), so callers fail
 * closed with a 503 instead of a 500. Outages are logged once by `storeOutages`, not per call.
 */
export function runRedis<T>(storeName: string, call: () => Promise<T>): Promise<T> {
  return storeOutages.run(storeName, call);
}
