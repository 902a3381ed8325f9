import { HttpException, HttpStatus } from '@nestjs/common';
import { AuthError, PasswordPolicyError } from './auth.errors';
import type { ErrorResponse } from './error-body';

// body-parser errors carry `type` and `status`; their messages can quote the body, so they are
// replaced by ours. (The host turns parse failures into RequestValidationError before Nest does.)
const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'PayloadTooLargeError', 'The request body is too large.'],
  'encoding.unsupported': [
    415,
    'UnsupportedEncodingError',
    'The request body encoding is not supported.',
  ],
  'charset.unsupported': [
    415,
    'UnsupportedCharsetError',
    'The request body charset is not supported.',
  ],
  'request.aborted': [400, 'RequestAbortedError', 'The request was aborted.'],
};

// Nest wraps Fastify's own request errors in a bare HttpException of their status; they get the
// names and words the Express parser's errors get above.
const BARE_HTTP_EXCEPTIONS: Partial<Record<number, [string, string]>> = {
  413: ['PayloadTooLargeError', 'The request body is too large.'],
  415: ['UnsupportedMediaTypeError', 'The request body must be application/json.'],
};

const INTERNAL: ErrorResponse = {
  body: { statusCode: 500, error: 'InternalServerError', message: 'Internal server error.' },
  headers: {},
};

/** Maps any thrown value to the response the client sees; `null` means "unexpected: log it". */
export function toErrorResponse(exception: unknown): ErrorResponse | null {
  if (exception instanceof AuthError) return fromAuthError(exception);
  const parserError = BODY_PARSER_ERRORS[(exception as { type?: string } | null)?.type ?? ''];
  if (parserError) {
    const [statusCode, error, message] = parserError;
    return { body: { statusCode, error, message }, headers: {} };
  }
  if (exception instanceof HttpException && exception.getStatus() !== 500) {
    const statusCode = exception.getStatus();
    const bare = exception.name === 'HttpException';
    const known = bare ? BARE_HTTP_EXCEPTIONS[statusCode] : undefined;
    if (known) return { body: { statusCode, error: known[0], message: known[1] }, headers: {} };
    const error = bare ? HttpStatus[statusCode] : exception.name;
    return { body: { statusCode, error, message: exception.message }, headers: {} };
  }
  return null;
}

function fromAuthError(error: AuthError): ErrorResponse {
  const headers: Record<string, string> = {};
  const body: ErrorResponse['body'] = {
    statusCode: error.status,
    error: error.name,
    message: error.message,
  };
  if (error.retryAfter !== undefined) {
    body.retryAfter = error.retryAfter;
    headers['Retry-After'] = String(error.retryAfter);
  }
  if (error instanceof PasswordPolicyError) body.violations = error.violations;
  if (error.wwwAuthenticate) headers['WWW-Authenticate'] = error.wwwAuthenticate;
  return { body, headers };
}

export { INTERNAL as INTERNAL_ERROR_RESPONSE };
