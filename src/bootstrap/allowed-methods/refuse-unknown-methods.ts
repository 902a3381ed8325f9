import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NextFunction, Request, Response } from 'express';
import { MethodNotAllowedError } from '@lexigram/nest-auth';
import { AllowedMethods } from './allowed-methods';
import { controllerRoutes, type RouteEntry } from './route-table';

type Done = (error?: Error) => void;

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
  if (app.getHttpAdapter().getType() === 'fastify') {
    const fastify = (app as unknown as NestFastifyApplication).getHttpAdapter().getInstance();
    fastify.addHook(
      'onRequest',
      (request: { method: string; url: string }, _reply: unknown, done: Done) =>
        done(check(request.method, request.url)),
    );
  } else {
    (app as unknown as NestExpressApplication).use(
      (req: Request, _res: Response, next: NextFunction) =>
        next(check(req.method, req.originalUrl)),
    );
  }
}
