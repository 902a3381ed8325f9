import type { PostgresTestServer } from './postgres-server';
import type { RedisTestServer } from './redis-server';

/** The servers global-setup.ts started for this run (`null`: given by the developer instead). */
export interface RunServices {
  redis: RedisTestServer | null;
  postgres: PostgresTestServer | null;
}

// Jest runs globalSetup and globalTeardown in its main process and keeps globals between them.
const KEY = Symbol.for('lex-auth.test-run-services');
type Holder = { [KEY]?: RunServices };

export function rememberRunServices(services: RunServices): void {
  (globalThis as Holder)[KEY] = services;
}

/** Hands the run's servers over once, for stopping. */
export function takeRunServices(): RunServices | undefined {
  const services = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  return services;
}

/** Stops every server in `services`; each is attempted even when another fails. */
export async function stopRunServices(services: RunServices): Promise<void> {
  const results = await Promise.allSettled([services.redis?.stop(), services.postgres?.stop()]);
  const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
  if (failures.length > 0) throw new AggregateError(failures, 'Stopping the test servers failed');
}
