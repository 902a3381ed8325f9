import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { MethodNotAllowedError } from '../errors/http-request.errors';
import { AllowedMethods } from './allowed-methods';
import { controllerRoutes, type RouteEntry } from './route-table';

type Done = (error?: Error) => void;

/** The part of a Fastify instance the check uses (the package does not depend on Fastify). */
interface FastifyHooks {
  addHook(
    name: 'onRequest',
    hook: (
      request: { method: string; url: string; is404: boolean },
      reply: unknown,
      done: Done,
    ) => void,
  ): void;
}

/**
 * 405 `MethodNotAllowedError` (with `Allow`) for a known path asked with a method it does not
 * answer, on both platforms, before the body is read: the same check as an Express middleware and
 * a Fastify `onRequest` hook. `extraRoutes` are paths served outside controllers (metrics).
 */
export function refuseUnknownMethods(app: INestApplication, extraRoutes: RouteEntry[]): void {
  const allowed = new AllowedMethods([...controllerRoutes(app), ...extraRoutes]);
  const check = (method: string, url: string): MethodNotAllowedError | undefined => {
    const allow = allowed.refusal(method, url);
    return allow && new MethodNotAllowedError(allow);
  };
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    // A request Fastify routed has a route for its method: only an unrouted one can be a 405.
    (adapter.getInstance() as FastifyHooks).addHook('onRequest', (request, _reply, done) =>
      done(request.is404 ? check(request.method, request.url) : undefined),
    );
  } else {
    app.use((req: IncomingMessage & { originalUrl?: string }, _res: unknown, next: Done) =>
      next(check(req.method ?? 'GET', req.originalUrl ?? req.url ?? '/')),
    );
  }
}
