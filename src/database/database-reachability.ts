import { connect } from 'node:net';
import type { ConfigProblem } from '@lexigram/nest-auth';
import type { DatabaseConfig } from '../config/app-config';

/** How the boot waits for a database still starting; TypeORM's own retries use the same. */
export const DATABASE_RETRY = { retries: 3, delayMs: 1000, timeoutMs: 2000 } as const;

const VARIABLES = 'DB_HOST/DB_PORT';

const WHY: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ETIMEDOUT: `did not answer within ${DATABASE_RETRY.timeoutMs / 1000} s`,
  ENOTFOUND: 'has a host name that does not resolve',
  EAI_AGAIN: 'has a host name that does not resolve (DNS did not answer)',
  EHOSTUNREACH: 'is unreachable from this host',
  ENETUNREACH: 'is unreachable from this host',
};

/** Opens and closes one TCP connection; resolves with the error code, or null when it connected. */
function tryConnect(host: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (code: string | null) => {
      socket.destroy();
      resolve(code);
    };
    socket.setTimeout(timeoutMs, () => done('ETIMEDOUT'));
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'EUNKNOWN'));
  });
}

/** The one-line problem for a database that does not answer, naming the variables to check. */
export function databaseUnreachable(host: string, port: number, code: string): ConfigProblem {
  const why = WHY[code] ?? `could not be reached (${code})`;
  return {
    variable: VARIABLES,
    message: `PostgreSQL at ${host}:${port} ${why}. Check DB_HOST and DB_PORT, and that the database is running and reachable from this host.`,
  };
}

/**
 * Whether the PostgreSQL server answers on DB_HOST:DB_PORT (a TCP connection, no login), so a
 * boot refused for it says which variables to check instead of a driver stack. A database still
 * starting gets the same retries TypeORM gives it; `retries: 0` when the boot is refused anyway.
 */
export async function databaseReachabilityProblems(
  database: DatabaseConfig,
  retries: number = DATABASE_RETRY.retries,
): Promise<ConfigProblem[]> {
  if (database.type !== 'postgres') return [];
  const { host, port } = database;
  for (let attempt = 0; ; attempt++) {
    const code = await tryConnect(host, port, DATABASE_RETRY.timeoutMs);
    if (code === null) return [];
    if (attempt >= retries) return [databaseUnreachable(host, port, code)];
    await new Promise((resolve) => setTimeout(resolve, DATABASE_RETRY.delayMs));
  }
}

/**
 * The DB_HOST/DB_PORT problem for a connection error from the database driver (a Node socket
 * error carries its code, address and port); null for any other error.
 */
export function databaseErrorProblem(
  error: unknown,
  database: DatabaseConfig | undefined,
): ConfigProblem | null {
  if (database?.type !== 'postgres' || typeof error !== 'object' || error === null) return null;
  const { code, port } = error as { code?: unknown; port?: unknown };
  if (typeof code !== 'string' || !(code in WHY)) return null;
  // Redis refuses with the same codes: only the database's port is the database.
  if (port !== undefined && port !== database.port) return null;
  return databaseUnreachable(database.host, database.port, code);
}
