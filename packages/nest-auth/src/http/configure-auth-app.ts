import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { enableGracefulShutdown } from '../shutdown/enable-graceful-shutdown';
import type { ConfigureAuthAppOptions } from './configure-auth-app.options';
import { expressJsonBody } from './express-json-body';
import { type FastifyContentParsers, useFastifyJsonBody } from './fastify-json-body';
import { JSON_BODY_LIMIT_BYTES } from './json-body';
import { refuseUnknownMethods } from './refuse-unknown-methods';

interface ExpressSettings {
  set(name: string, value: unknown): void;
  disable(name: string): void;
}

/**
 * The module's HTTP rules on a host's app, the same on Express and Fastify: 405 for a known
 * path's unknown method (before any body is read), one JSON body rule (`readJsonBody`: 415 / 413
 * / 400 `RequestValidationError`), Express's `trust proxy`, and graceful shutdown. Call it after
 * `NestFactory.create(…, { bodyParser: false })` and before `app.listen()`.
 * @throws Error on Fastify when the app was created with Nest's body parser, or given `trustProxy`
 */
export function configureAuthApp<T extends INestApplication>(
  app: T,
  options: ConfigureAuthAppOptions = {},
): T {
  const limit = options.bodyLimitBytes ?? JSON_BODY_LIMIT_BYTES;
  if (options.refuseUnknownMethods !== false) refuseUnknownMethods(app, options.extraRoutes ?? []);
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify') {
    assertFastifyReady(app, options);
    useFastifyJsonBody(adapter.getInstance() as FastifyContentParsers, limit);
  } else {
    app.use(expressJsonBody(limit));
    const express = adapter.getInstance() as ExpressSettings;
    express.disable('x-powered-by');
    if (options.trustProxy != null) express.set('trust proxy', options.trustProxy);
  }
  if (options.gracefulShutdown !== false) enableGracefulShutdown(app, options.gracefulShutdown);
  return app;
}

function assertFastifyReady(app: INestApplication, options: ConfigureAuthAppOptions): void {
  // Nest keeps the creation options on the app; its Fastify JSON parser would replace ours.
  const created = (app as unknown as { appOptions?: NestApplicationOptions }).appOptions;
  if (created?.bodyParser !== false)
    throw new Error(
      'configureAuthApp: create the Fastify app with { bodyParser: false }, so the module reads ' +
        'request bodies instead of the Nest parser.',
    );
  if (options.trustProxy != null)
    throw new Error(
      'configureAuthApp: Fastify sets trustProxy when it is created; pass it to ' +
        'new FastifyAdapter({ trustProxy }) instead.',
    );
}
