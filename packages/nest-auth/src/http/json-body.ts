import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { parse as parseContentType } from 'content-type';
import getRawBody from 'raw-body';
import secureJson from 'secure-json-parse';
import { RequestValidationError } from '../errors/auth.errors';
import {
  PayloadTooLargeError,
  RequestAbortedError,
  UnsupportedMediaTypeError,
} from '../errors/http-request.errors';

/** Request bodies beyond this many bytes are refused with 413 before they are parsed. */
export const JSON_BODY_LIMIT_BYTES = 16 * 1024;

// Fastify's own split: it never reads a body for these, so neither does Express here.
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'TRACE']);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether a request carries a body to read (Fastify's test, applied on both platforms): a method
 * that may have one, and a Content-Type, a Transfer-Encoding or a non-zero Content-Length.
 */
export function carriesBody(method: string, headers: IncomingHttpHeaders): boolean {
  if (BODYLESS_METHODS.has(method)) return false;
  if (headers['content-type'] !== undefined) return true;
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * The module's one body rule, on Express and Fastify alike: `application/json` in UTF-8 with no
 * Content-Encoding (else 415), at most `limitBytes` (else 413), read in full (else 400), valid
 * JSON without `__proto__`/`constructor.prototype` keys, and an object (else 400).
 * @returns the object, or `undefined` for an empty body (a route with an optional body reads `{}`)
 */
export async function readJsonBody(
  headers: IncomingHttpHeaders,
  stream: Readable,
  limitBytes: number = JSON_BODY_LIMIT_BYTES,
): Promise<object | undefined> {
  assertJsonWithoutCoding(headers);
  const raw = await readRaw(stream, headers['content-length'], limitBytes);
  return raw.length === 0 ? undefined : parseJsonObject(raw);
}

/** @throws UnsupportedMediaTypeError (415) */
function assertJsonWithoutCoding(headers: IncomingHttpHeaders): void {
  const coding = headers['content-encoding']?.trim().toLowerCase();
  if (coding !== undefined && coding !== 'identity') throw new UnsupportedMediaTypeError();
  const header = headers['content-type'];
  if (header === undefined) throw new UnsupportedMediaTypeError();
  const { type, parameters } = parseContentType(header);
  const charset = parameters.charset?.toLowerCase();
  if (type !== 'application/json') throw new UnsupportedMediaTypeError();
  if (charset !== undefined && charset !== 'utf-8') throw new UnsupportedMediaTypeError();
}

/** @throws PayloadTooLargeError (413), RequestAbortedError (400) */
async function readRaw(
  stream: Readable,
  length: string | undefined,
  limit: number,
): Promise<Buffer> {
  try {
    return await getRawBody(stream, { length, limit });
  } catch (error) {
    const tooLarge = (error as { type?: unknown }).type === 'entity.too.large';
    throw tooLarge ? new PayloadTooLargeError() : new RequestAbortedError();
  }
}

/** @throws RequestValidationError (400); its message never quotes the body */
function parseJsonObject(raw: Buffer): object {
  let value: unknown;
  try {
    value = secureJson.parse(UTF8.decode(raw), null, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch {
    throw new RequestValidationError('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RequestValidationError('The request body must be a JSON object.');
  }
  return value;
}
