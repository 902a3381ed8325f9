import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readJsonBody } from './json-body';

/**
 * Fastify: one parser for every content type, so the host's body rule (`readJsonBody`) decides
 * instead of Fastify's defaults (which ignore Content-Encoding and read `null` as a body). It
 * reads the stream itself: an aborted body is our 400, not an unhandled stream error. The app
 * must be created with `bodyParser: false`, or Nest adds its own JSON parser over this one.
 */
export function useFastifyJsonBody(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    '*',
    (request: { headers: IncomingHttpHeaders }, payload: Readable) =>
      readJsonBody(request.headers, payload),
  );
}
