import { AuthStoreUnavailableError } from '../errors/auth.errors';

/**
 * Runs one Redis call of a store.
 * @throws AuthStoreUnavailableError naming `storeName` for any failure (refused connection,
 * command timeout, no connection while the client reconnects, an error reply), so callers fail
 * closed with a 503 instead of a 500.
 */
export async function runRedis<T>(storeName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AuthStoreUnavailableError(storeName, error);
  }
}
