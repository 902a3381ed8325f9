import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { enableGracefulShutdown } from '../auth';
import { AppConfig } from '../config/app-config';
import { JSON_BODY_LIMIT_BYTES } from './create-http-adapter';
import { useFastifyJsonParser } from './fastify-json-parser';
import { rejectMalformedJson } from './reject-malformed-json';
import { setupSwagger } from './setup-swagger';

/**
 * The HTTP setup shared by `main.ts` and the e2e tests, so the tests run the app users run:
 * pino logging, a small JSON-only body limit, a graceful shutdown (drain HTTP, then the shutdown
 * hooks that close stores). Works on the
 * Express and the Fastify adapter (`createHttpAdapter`).
 */
export async function configureApp<T extends INestApplication>(app: T): Promise<T> {
  app.useLogger(app.get(Logger));
  if (app.getHttpAdapter().getType() === 'fastify') {
    useFastifyJsonParser(app as unknown as NestFastifyApplication);
  } else {
    configureExpress(app as unknown as NestExpressApplication);
  }
  await setupSwagger(app);
  enableGracefulShutdown(app, app.get(AppConfig).shutdown);
  return app;
}

function configureExpress(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  app.use(rejectMalformedJson);
  app.disable('x-powered-by');
  // Behind a load balancer, req.ip (the rate limit's key) must be the client, not the balancer.
  const { trustProxy } = app.get(AppConfig);
  if (trustProxy !== null) app.set('trust proxy', trustProxy);
}
