import { PostgresTestServer } from './postgres-server';

/**
 * The environment variables through which global-setup.ts hands the run's shared servers to
 * the test workers.
 */
export const SERVICE_ENV = {
  redisUrl: 'TEST_REDIS_URL',
  pgHost: 'TEST_PG_HOST',
  pgPort: 'TEST_PG_PORT',
  pgUser: 'TEST_PG_USER',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (value) return value;
  throw new Error(
    `${name} is not set: the shared test servers are started by Jest's globalSetup of the e2e ` +
      'project (test/support/services/global-setup.ts). Run the tests through jest.config.js, ' +
      'e.g. `npx jest --selectProjects e2e`.',
  );
}

/** The URL of the run's shared Redis. Give each suite its own key prefix on it. */
export function sharedRedisUrl(): string {
  return required(SERVICE_ENV.redisUrl);
}

/** The run's shared PostgreSQL server; take a fresh database from it with `createDatabase()`. */
export function sharedPostgres(): PostgresTestServer {
  return PostgresTestServer.attach({
    host: required(SERVICE_ENV.pgHost),
    port: Number(required(SERVICE_ENV.pgPort)),
    user: required(SERVICE_ENV.pgUser),
  });
}
