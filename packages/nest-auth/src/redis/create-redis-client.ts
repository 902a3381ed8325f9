import { Logger } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';

/** Longest wait between two reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 1000;

/**
 * Client options for a fail-closed auth service: a command never waits for a connection that is
 * not there (no offline queue, one retry, 1 s timeout), so an outage turns into a fast 503
 * instead of hanging requests; the client keeps reconnecting in the background, so the service
 * recovers by itself when Redis returns.
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 1000,
  connectTimeout: 2000,
  // How long disconnect() waits for a socket to close before destroying it; ioredis keeps that
  // timer even for a socket already gone, which would hold a stopping process (default 2 s).
  disconnectTimeout: 500,
  lazyConnect: false,
  retryStrategy: (times: number) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
};

/**
 * An ioredis client for the auth stores and the login rate limiter, with
 * `FAIL_FAST_REDIS_OPTIONS`. Connection errors are logged once per outage (and the recovery
 * once), never with the URL, which may hold a password; they never crash the process.
 * The caller owns the client and quits it on shutdown.
 */
export function createRedisClient(url: string): Redis {
  const client = new Redis(url, FAIL_FAST_REDIS_OPTIONS);
  logOutages(client, new Logger('AuthRedis'));
  return client;
}

/**
 * Resolves once `redis` is connected and ready for commands (commands sent earlier fail at once,
 * as there is no offline queue).
 * @throws Error when it is not ready within `timeoutMs`.
 */
export async function waitUntilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis was not ready within ${timeoutMs} ms (status: ${redis.status})`));
    }, timeoutMs);
    redis.once('ready', onReady);
  });
}

function logOutages(client: Redis, logger: Logger): void {
  let down = false;
  // Without an 'error' listener ioredis reports every failed reconnection as unhandled.
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error(
      `Redis is unreachable (${redact(error.message)}); login attempts and token checks are ` +
        'refused with 503 until it answers again. Reconnecting in the background.',
    );
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('Redis is reachable again; the auth stores answer again.');
  });
}

/** Drops credentials from anything URL-shaped, should an error message ever carry one. */
function redact(message: string): string {
  return message.replace(/\/\/[^/@\s]*@/g, '//***@');
}
