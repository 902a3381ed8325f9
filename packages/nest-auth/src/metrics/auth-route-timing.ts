import { Inject, Injectable, type MiddlewareConsumer, type Type } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { joinPath, routesOf } from '../http/route-table';
import { AuthMetrics } from './auth-metrics';
import { AuthRequestTimerMiddleware } from './auth-request-timer.middleware';

/** The module's controllers whose routes `auth_http_request_duration_seconds` times. */
export const AUTH_TIMED_CONTROLLERS = Symbol('AUTH_TIMED_CONTROLLERS');

/** The part of a Fastify instance the timing uses (the package does not depend on Fastify). */
interface FastifyResponseHooks {
  addHook(
    name: 'onResponse',
    hook: (
      request: { method: string; routeOptions: { url?: string } },
      reply: { statusCode: number; elapsedTime: number },
      done: () => void,
    ) => void,
  ): void;
}

/**
 * Times the module's routes into `auth_http_request_duration_seconds`, from the request's arrival
 * to the last byte of the answer, guards and hashing included. On Fastify it is an `onResponse`
 * hook labelled with the route's own pattern (`/auth/sessions/:id`): a Nest middleware there
 * makes Nest's Fastify adapter run middie for every request of the app, copying request fields
 * and matching paths before any route. Elsewhere it is `AuthRequestTimerMiddleware`.
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

  /** Called from the composing module's `configure`, before Nest registers any route. */
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
    adapter.getInstance<FastifyResponseHooks>().addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url;
      if (route !== undefined && timed.has(route)) {
        const status = String(reply.statusCode);
        duration.observe({ route, method: request.method, status }, reply.elapsedTime / 1000);
      }
      done();
    });
  }
}
