import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NextFunction, Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { AccessLogMode } from '../../config/app-config';
import { logsAnswer, writeAccessLine } from './access-log-line';

// Above info the line would only be written for 5xx answers, which the exception filter logs.
const ACCESS_LOG_LEVELS = new Set(['trace', 'debug', 'info']);

/**
 * One log line per answered request that `mode` (`ACCESS_LOG`) keeps, from the platform's own end-of-response signal: a Fastify
 * `onResponse` hook, or the response's `finish`/`close` on Express. It replaces pino-http's
 * middleware, which ran every request through middie and an AsyncLocalStorage context and
 * serialised every header; together they cost about half of a cheap route's time on Fastify
 * (bench/README.md). Off (no hook at all) with `off`, or when the level leaves out info and debug.
 */
export function enableAccessLog(app: INestApplication, level: string, mode: AccessLogMode): void {
  if (mode === 'off' || !ACCESS_LOG_LEVELS.has(level)) return;
  // nestjs-pino makes its root logger when the app initialises, after this runs; bound once then.
  let child: Logger | undefined;
  const logger = (): Logger => (child ??= PinoLogger.root.child({ context: 'HTTP' }));
  if (app.getHttpAdapter().getType() === 'fastify') {
    const fastify = (app as unknown as NestFastifyApplication).getHttpAdapter().getInstance();
    fastify.addHook('onResponse', (request, reply, done) => {
      if (!logsAnswer(mode, reply.statusCode, false)) return done();
      writeAccessLine(logger(), {
        id: String(request.id),
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTimeMs: reply.elapsedTime,
        aborted: false,
      });
      done();
    });
    return;
  }
  let sequence = 0;
  (app as unknown as NestExpressApplication).use(
    (req: Request, res: Response, next: NextFunction) => {
      const started = performance.now();
      const id = `req-${(sequence += 1).toString(36)}`;
      const end = () => {
        const aborted = !res.writableFinished;
        if (!logsAnswer(mode, res.statusCode, aborted)) return;
        writeAccessLine(logger(), {
          id,
          method: req.method,
          url: req.originalUrl,
          statusCode: res.statusCode,
          responseTimeMs: performance.now() - started,
          aborted,
        });
      };
      res.once('close', end);
      next();
    },
  );
}
