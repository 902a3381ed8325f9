import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequestValidationError } from '../auth';
import { JSON_BODY_LIMIT_BYTES } from './create-http-adapter';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Fastify's JSON parser (prototype-poisoning checks on) behind one that never quotes the body in
 * its error: a malformed body is a 400 `RequestValidationError`, as on Express. An empty body
 * reads as `{}`, as Express's parser reads it.
 */
export function useFastifyJsonParser(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: JSON_BODY_LIMIT_BYTES }, (req, body, done) => {
    if (body.length === 0) return (done as Done)(null, {});
    void parseJson(req as never, body.toString('utf8'), (error: Error | null, value?: unknown) =>
      error
        ? (done as Done)(new RequestValidationError('The request body is not valid JSON.'))
        : (done as Done)(null, value),
    );
  });
}
