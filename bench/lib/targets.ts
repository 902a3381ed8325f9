import { defaultEnv, hostEnv, hostToken, type ServerProcess, startServer } from './server-process';
import { referenceToken } from '../servers/bench-token';

const MAIN = 'src/main.ts';

export interface Target {
  key: string;
  label: string;
  /** The protected route driven. @default '/whoami' */
  path?: string;
  start(port: number): Promise<ServerProcess>;
  /** The bearer token the route accepts. */
  token(server: ServerProcess): Promise<string>;
}

const reference = (key: string, label: string, script: string): Target => ({
  key,
  label,
  start: (port) => startServer(`bench/servers/${script}`, port),
  token: () => Promise.resolve(referenceToken()),
});

const host = (
  adapter: 'express' | 'fastify',
  store: string,
  database: Record<string, string> = {},
  variant = store,
): Target => ({
  key: `host-${adapter}-${variant}`,
  label: `example host, ${adapter === 'fastify' ? 'Fastify' : 'Express'}, store=${store}${
    variant === store ? '' : ` on ${variant}`
  }`,
  start: (port) =>
    startServer(
      MAIN,
      port,
      hostEnv(adapter, store, { REDIS_URL: process.env.REDIS_URL ?? '', ...database }),
    ),
  token: (server) => hostToken(server.url),
});

/** Where the PostgreSQL row's database is (`BENCH_POSTGRES=1` starts a throwaway cluster). */
export interface BenchPostgres {
  host: string;
  port: number;
  user: string;
  database: string;
}

const postgresEnv = (pg: BenchPostgres): Record<string, string> => ({
  DB_TYPE: 'postgres',
  DB_HOST: pg.host,
  DB_PORT: String(pg.port),
  DB_USER: pg.user,
  DB_PASS: 'unused-with-trust-auth',
  DB_NAME: pg.database,
});

// The bare Nest reference ignores the token: the `token` is only sent.
const bareNest = (adapter: 'express' | 'fastify'): Target => ({
  key: `bare-nest-${adapter}`,
  label: `bare Nest 11, ${adapter === 'fastify' ? 'Fastify' : 'Express'}, same JSON, no auth`,
  start: (port) => startServer('bench/servers/bare-nest.js', port, { HTTP_ADAPTER: adapter }),
  token: () => Promise.resolve(referenceToken()),
});

// What `npm start` gives: dist/start.js, the bundle of `npm run build`, with nothing set but the port and a
// fresh SQLite file: Fastify, store=database, LOG_LEVEL=info, ACCESS_LOG=errors (stdout to /dev/null).
const defaults: Target = {
  key: 'default',
  label: 'example host, defaults of `npm start` (Fastify, store=database, info, ACCESS_LOG=errors)',
  start: (port) => startServer('dist/start.js', port, defaultEnv()),
  token: (server) => hostToken(server.url),
};

// The same defaults on `GET /auth/me`, which also reads the user (one keyed lookup).
const defaultsMe: Target = {
  ...defaults,
  key: 'default-auth-me',
  label: 'example host, defaults of `npm start`, GET /auth/me',
  path: '/auth/me',
};

/** Every server the benchmarks compare, in table order; `BENCH_ONLY` keys pick a subset. */
export function benchTargets(only?: string[], postgres?: BenchPostgres): Target[] {
  return [
    defaults,
    defaultsMe,
    reference('a', '(a) bare Fastify 5 + fast-jwt verify (HS256)', 'fastify-fast-jwt.ts'),
    reference('node-http', 'bare node:http, no auth at all', 'node-http.ts'),
    reference(
      'docs-recipe',
      'NestJS docs recipe: Express + passport-jwt, string secret',
      'nest-docs-recipe.ts',
    ),
    bareNest('fastify'),
    bareNest('express'),
    host('fastify', 'memory'),
    host('fastify', 'database'),
    host('express', 'memory'),
    host('express', 'database'),
    ...(postgres ? [host('fastify', 'database', postgresEnv(postgres), 'postgres')] : []),
    ...(process.env.REDIS_URL ? [host('fastify', 'redis'), host('express', 'redis')] : []),
  ].filter((t) => !only || only.includes(t.key));
}
