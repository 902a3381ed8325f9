import { Inject, Injectable, type MiddlewareConsumer, type Type } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { joinPath, routesOf } from '../http/route-table';
import { AuthMetrics } from './auth-metrics';
import { AuthRequestTimerMiddleware } from './auth-request-timer.middleware';

/** The module's controllers whose routes `auth_http_request_duration_seconds` times. */
export const AUTH_TIMED_CONTROLLERS = Symbol('AUTH_TIMED_CONTROLLERS');

type ResponseHook = (
  request: { method: string },
  reply: { statusCode: number; elapsedTime: number },
  done: () => void,
) => void;

/** The part of a Fastify instance the timing uses (the package does not depend on Fastify). */
interface FastifyRouteHooks {
  addHook(
    name: 'onRoute',
    hook: (route: { url: string; onResponse?: ResponseHook | ResponseHook[] }) => void,
  ): void;
}

/**
 * Times the module's routes into `auth_http_request_duration_seconds`, from the request's arrival
 * to the last byte of the answer, guards and hashing included. On Fastify it is an `onResponse`
 * hook on each of those routes only, labelled with the route's own pattern
 * (`/auth/sessions/:id`), added as Nest registers them; the app's other routes run nothing of it.
 * A Nest middleware there makes Nest's Fastify adapter run middie for every request of the app,
 * copying request fields and matching paths before any route. Elsewhere it is
 * `AuthRequestTimerMiddleware`.
 */
@Injectable()
export class AuthRouteTiming {
  constructor(
    private readonly metrics: AuthMetrics,
    private readonly adapterHost: HttpAdapterHost,
    private readonly modules: ModulesContainer,
    private readonly appConfig: ApplicationConfig,
    @Inject(AUTH_TIMED_CONTROLLERS) private readonly controllers: Type[],
  ) {}

  /** From the composing module's `configure`: before Nest registers a route, so `onRoute` sees all. */
  attach(consumer: MiddlewareConsumer): void {
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (adapter?.getType() !== 'fastify') {
      consumer.apply(AuthRequestTimerMiddleware).forRoutes(...this.controllers);
      return;
    }
    // Nest puts a global prefix before every controller path; the metadata does not carry it.
    const prefix = this.appConfig.getGlobalPrefix();
    const timed = new Set(
      routesOf(this.modules, new Set(this.controllers)).map((r) => joinPath(prefix, r.path)),
    );
    const duration = this.metrics.requestDuration;
    adapter.getInstance<FastifyRouteHooks>().addHook('onRoute', (route) => {
      if (!timed.has(route.url)) return;
      const label = route.url;
      const observe: ResponseHook = (request, reply, done) => {
        const status = String(reply.statusCode);
        duration.observe(
          { route: label, method: request.method, status },
          reply.elapsedTime / 1000,
        );
        done();
      };
      route.onResponse = [route.onResponse ?? []].flat().concat(observe);
    });
  }
}
