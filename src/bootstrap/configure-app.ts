import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { enableGracefulShutdown } from '@lexigram/nest-auth';
import { AppConfig } from '../config/app-config';
import { METRICS_OPTIONS, type MetricsOptions } from '../metrics/metrics-options';
import { enableAccessLog } from './access-log/enable-access-log';
import { refuseUnknownMethods } from './allowed-methods/refuse-unknown-methods';
import { expressJsonBody } from './request-body/express-json-body';
import { useFastifyJsonBody } from './request-body/fastify-json-body';
import { setupSwagger } from './setup-swagger';

/**
 * The HTTP setup shared by `main.ts` and the e2e tests, so the tests run the app users run:
 * pino logging with one access line per request, 405 for a known path's unknown method, one JSON body rule
 * (`request-body/json-body.ts`), a graceful shutdown (drain HTTP, then the shutdown hooks that
 * close stores). Works on the Express and the Fastify adapter (`createHttpAdapter`), with the
 * same answers on both.
 */
export async function configureApp<T extends INestApplication>(app: T): Promise<T> {
  app.useLogger(app.get(Logger));
  enableAccessLog(app, app.get(AppConfig).logLevel);
  // First, so a wrong method is a 405 before any body is read, on both platforms.
  refuseUnknownMethods(app, [
    { path: app.get<MetricsOptions>(METRICS_OPTIONS).path, methods: new Set(['GET']) },
  ]);
  if (app.getHttpAdapter().getType() === 'fastify') {
    useFastifyJsonBody(app as unknown as NestFastifyApplication);
  } else {
    configureExpress(app as unknown as NestExpressApplication);
  }
  await setupSwagger(app);
  enableGracefulShutdown(app, app.get(AppConfig).shutdown);
  return app;
}

function configureExpress(app: NestExpressApplication): void {
  app.use(expressJsonBody);
  app.disable('x-powered-by');
  // Behind a load balancer, req.ip (the rate limit's key) must be the client, not the balancer.
  const { trustProxy } = app.get(AppConfig);
  if (trustProxy !== null) app.set('trust proxy', trustProxy);
}
