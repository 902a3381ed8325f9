import { HttpException } from '@nestjs/common';
import { type AuthError, RequestValidationError } from './auth.errors';
import {
  PayloadTooLargeError,
  RequestAbortedError,
  UnsupportedMediaTypeError,
} from './http-request.errors';

// The HTTP platforms refuse some bodies before any handler runs, for a host on their own parsers
// (configureAuthApp reads bodies itself and throws ours). Their messages can quote the body, so
// each becomes one error of ours:
// - Express's body-parser throws http-errors with a `status` and a `type`, except invalid JSON:
//   Nest turns that SyntaxError into a BadRequestException carrying only its message, so it is
//   told by the request body-parser left without a body (`bodyParserFailed`).
// - Fastify's arrive as a bare HttpException with Fastify's fixed message (FST_ERR_CTP_*).

const FASTIFY_400_MESSAGES: ReadonlyMap<string, () => AuthError> = new Map([
  ["Body is not valid JSON but content-type is set to 'application/json'", invalidJson],
  ["Body cannot be empty when content-type is set to 'application/json'", invalidJson],
  ['Request body size did not match Content-Length', () => new RequestAbortedError()],
]);

function invalidJson(): AuthError {
  return new RequestValidationError(
    'The request body is not valid JSON, or its encoding is corrupt.',
  );
}

function refusalFor(status: number, type?: unknown): AuthError | undefined {
  if (status === 413) return new PayloadTooLargeError();
  if (status === 415) return new UnsupportedMediaTypeError();
  if (status !== 400) return undefined;
  if (type === 'request.aborted' || type === 'request.size.invalid')
    return new RequestAbortedError();
  return invalidJson();
}

/** The parts of an Express request body-parser sets or reads. */
interface ParsedRequest {
  body?: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Whether a BadRequestException is body-parser's JSON SyntaxError: a JSON request left without a
 * body (body-parser reads even an empty one as `{}`), with the JSON parser's message.
 */
function bodyParserFailed(exception: HttpException, request: unknown): boolean {
  const { body, headers } = (request ?? {}) as ParsedRequest;
  const type = headers?.['content-type'];
  const json = typeof type === 'string' && /^application\/([\w.-]+\+)?json\b/i.test(type);
  return json && body === undefined && /\bJSON\b/.test(exception.message);
}

/**
 * The error of ours for a platform's body refusal, or undefined for anything else.
 * @param request the request the exception answers, as the platform gives it
 */
export function platformBodyRefusal(exception: unknown, request?: unknown): AuthError | undefined {
  const { type, status, expose } = (exception ?? {}) as Record<string, unknown>;
  const fromBodyParser = typeof type === 'string' || expose === true;
  if (typeof status === 'number' && fromBodyParser) return refusalFor(status, type);
  if (!(exception instanceof HttpException)) return undefined;
  const statusCode = exception.getStatus();
  if (exception.name === 'BadRequestException')
    return bodyParserFailed(exception, request) ? invalidJson() : undefined;
  if (exception.name !== 'HttpException') return undefined;
  // A bare 400 is a body refusal only with Fastify's own message; 413 and 415 always are.
  if (statusCode === 400) return FASTIFY_400_MESSAGES.get(exception.message)?.();
  return statusCode === 413 || statusCode === 415 ? refusalFor(statusCode) : undefined;
}
