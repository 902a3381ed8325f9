import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopCluster } from './postgres-server';
import { isAbandoned } from './processes';
import { stopRedisIn } from './redis-server';

/**
 * Stops the test servers of earlier runs that were killed before their teardown (Ctrl-C on
 * Jest): daemonised servers outlive their owner otherwise. Only folders this code created and
 * whose owner process is gone are touched; servers are stopped by their own pid files.
 */
export async function reapAbandonedServers(): Promise<void> {
  const root = tmpdir();
  const abandoned = readdirSync(root)
    .filter((name) => name.startsWith('lex-auth-redis-') || name.startsWith('lex-auth-pg-'))
    .map((name) => join(root, name))
    .filter(isAbandoned);
  await Promise.all(
    abandoned.map(async (dir) => {
      try {
        if (dir.includes('lex-auth-redis-')) await stopRedisIn(dir);
        else await stopCluster(dir);
      } catch (error) {
        console.warn(`Could not clean up the abandoned test server in ${dir}: ${String(error)}`);
      }
    }),
  );
}
