import { PostgresTestServer } from './postgres-server';
import { reapAbandonedServers } from './reap-abandoned';
import { RedisTestServer } from './redis-server';
import { rememberRunServices, stopRunServices } from './run-services';
import { SERVICE_ENV } from './shared-services';

const INSTALL_HINT =
  'Install them: run `bash scripts/setup-test-services.sh` as root (Debian/Ubuntu), or point ' +
  'TEST_REDIS_URL and TEST_PG_HOST, TEST_PG_PORT, TEST_PG_USER at servers you run yourself.';

/**
 * Jest globalSetup of the e2e project: starts one Redis and one PostgreSQL for the whole run and
 * hands their coordinates to the workers through TEST_REDIS_URL, TEST_PG_HOST, TEST_PG_PORT and
 * TEST_PG_USER (workers inherit the environment). A variable already set means the developer
 * runs that server: it is used as is and not started.
 */
export default async function globalSetup(): Promise<void> {
  const startRedis = !process.env[SERVICE_ENV.redisUrl];
  const startPostgres = !process.env[SERVICE_ENV.pgHost];
  await assertInstalled(startRedis, startPostgres);
  await reapAbandonedServers();

  const [redis, postgres] = await Promise.allSettled([
    startRedis ? RedisTestServer.start() : null,
    startPostgres ? PostgresTestServer.start() : null,
  ]);
  const started = {
    redis: redis.status === 'fulfilled' ? redis.value : null,
    postgres: postgres.status === 'fulfilled' ? postgres.value : null,
  };
  // Jest skips the teardown when the setup throws: stop what did start before failing.
  if (redis.status === 'rejected' || postgres.status === 'rejected') {
    await stopRunServices(started);
    throw redis.status === 'rejected' ? redis.reason : (postgres as PromiseRejectedResult).reason;
  }
  rememberRunServices(started);
  exportCoordinates(started.redis, started.postgres);
}

function exportCoordinates(redis: RedisTestServer | null, postgres: PostgresTestServer | null) {
  if (redis) process.env[SERVICE_ENV.redisUrl] = redis.url;
  if (postgres) {
    process.env[SERVICE_ENV.pgHost] = postgres.host;
    process.env[SERVICE_ENV.pgPort] = String(postgres.port);
    process.env[SERVICE_ENV.pgUser] = postgres.user;
  }
}

async function assertInstalled(redis: boolean, postgres: boolean): Promise<void> {
  const missing = [
    redis && !(await RedisTestServer.available()) ? 'redis-server' : null,
    postgres && !(await PostgresTestServer.available()) ? 'PostgreSQL (initdb, pg_ctl)' : null,
  ].filter((name) => name !== null);
  if (missing.length === 0) return;
  throw new Error(
    `The e2e and contract tests run on real servers, but ${missing.join(' and ')} ` +
      `${missing.length > 1 ? 'are' : 'is'} not installed. ${INSTALL_HINT}`,
  );
}
