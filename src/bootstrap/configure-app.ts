import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import {
  configureAuthApp,
  METRICS_ENDPOINT_OPTIONS,
  type MetricsEndpointOptions,
} from '@lexigram/nest-auth';
import { AppConfig } from '../config/app-config';
import { enableAccessLog } from './access-log/enable-access-log';
import { setupSwagger } from './setup-swagger';

/**
 * The HTTP setup shared by `main.ts` and the e2e tests, so the tests run the app users run:
 * pino logging with an access line per refused or failed request (`ACCESS_LOG`), then the module's HTTP rules
 * (`configureAuthApp`: 405 for a known path's unknown method, one JSON body rule, trust proxy,
 * graceful shutdown), then the /docs page. Works on the Express and the Fastify adapter
 * (`createHttpAdapter`), with the same answers on both.
 */
export async function configureApp<T extends INestApplication>(app: T): Promise<T> {
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  enableAccessLog(app, config.logLevel, config.accessLog);
  const express = app.getHttpAdapter().getType() !== 'fastify';
  configureAuthApp(app, {
    // Fastify took it when createHttpAdapter made it.
    trustProxy: express ? config.trustProxy : null,
    extraRoutes: [
      {
        path: app.get<Required<MetricsEndpointOptions>>(METRICS_ENDPOINT_OPTIONS).path,
        methods: new Set(['GET']),
      },
    ],
    gracefulShutdown: config.shutdown,
  });
  await setupSwagger(app);
  return app;
}
