/**
 * Reference (a): bare Fastify 5 and fast-jwt's HS256 verifier (no cache), no framework.
 *   PORT=3101 ts-node --transpile-only bench/servers/fastify-fast-jwt.ts
 */
import { createVerifier } from 'fast-jwt';
import Fastify from 'fastify';
import { BENCH_SECRET, benchPort } from './bench-token';

const verify = createVerifier({ key: BENCH_SECRET, algorithms: ['HS256'] });
const app = Fastify({ logger: false });

app.get('/whoami', (request, reply) => {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return reply.code(401).send({ error: 'missing' });
  try {
    return verify(header.slice(7)) as Record<string, unknown>;
  } catch {
    return reply.code(401).send({ error: 'invalid_token' });
  }
});

app.listen({ port: benchPort(), host: '127.0.0.1' }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
