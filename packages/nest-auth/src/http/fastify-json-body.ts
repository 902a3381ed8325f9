import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { readJsonBody } from './json-body';

/** The part of a Fastify instance the body rule uses (the package does not depend on Fastify). */
export interface FastifyContentParsers {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    type: string,
    parser: (request: { headers: IncomingHttpHeaders }, payload: Readable) => Promise<unknown>,
  ): void;
}

/**
 * Fastify: one parser for every content type, so the module's body rule (`readJsonBody`) decides
 * instead of Fastify's defaults (which ignore Content-Encoding and read `null` as a body). It
 * reads the stream itself: an aborted body is our 400, not an unhandled stream error. The app
 * must be created with `bodyParser: false`, or Nest adds its own JSON parser over this one.
 */
export function useFastifyJsonBody(fastify: FastifyContentParsers, limitBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, payload) =>
    readJsonBody(request.headers, payload, limitBytes),
  );
}
