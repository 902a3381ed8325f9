import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { rejectMalformedJson } from './reject-malformed-json';

/** Request bodies beyond this are refused with 413 before they are parsed. */
export const JSON_BODY_LIMIT = '16kb';

/**
 * The HTTP setup shared by `main.ts` and the e2e tests, so the tests run the app users run:
 * pino logging, a small JSON-only body limit, shutdown hooks that close stores.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(rejectMalformedJson);
  app.disable('x-powered-by');
  // Behind a load balancer, req.ip (the rate limit's key) must be the client, not the balancer.
  const { trustProxy } = app.get(AppConfig);
  if (trustProxy !== null) app.set('trust proxy', trustProxy);
  app.enableShutdownHooks();
  return app;
}
