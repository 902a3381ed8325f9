import { HttpException, HttpStatus } from '@nestjs/common';
import { AuthError, MfaRequiredError, PasswordPolicyError } from './auth.errors';
import type { ErrorResponse } from './error-body';

// The HTTP platforms refuse some bodies before any handler runs: Express's body-parser throws
// errors with a `type` and `status`, Fastify's arrive wrapped in a bare HttpException. Their
// messages can quote the body, so each status gets one name and message of ours instead.
// (Malformed JSON is turned into RequestValidationError by the host before it gets here.)
const BODY_REFUSALS: Partial<Record<number, [string, string]>> = {
  400: ['RequestAbortedError', 'The request was aborted.'],
  413: ['PayloadTooLargeError', 'The request body is too large.'],
  415: ['UnsupportedMediaTypeError', 'The request body must be JSON in UTF-8.'],
};

/** The status of a platform body refusal, or undefined for anything else. */
function bodyRefusalStatus(exception: unknown): number | undefined {
  const { type, status } = (exception ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type === 'string' && typeof status === 'number') return status;
  if (exception instanceof HttpException && exception.name === 'HttpException') {
    const statusCode = exception.getStatus();
    // A bare 400 is not necessarily an aborted body; only 413/415 are read as refusals.
    return statusCode === 413 || statusCode === 415 ? statusCode : undefined;
  }
  return undefined;
}

const INTERNAL: ErrorResponse = {
  body: { statusCode: 500, error: 'InternalServerError', message: 'Internal server error.' },
  headers: {},
};

/** Maps any thrown value to the response the client sees; `null` means "unexpected: log it". */
export function toErrorResponse(exception: unknown): ErrorResponse | null {
  if (exception instanceof AuthError) return fromAuthError(exception);
  const refusal = bodyRefusalStatus(exception);
  const known = refusal === undefined ? undefined : BODY_REFUSALS[refusal];
  if (refusal !== undefined && known) {
    return { body: { statusCode: refusal, error: known[0], message: known[1] }, headers: {} };
  }
  if (exception instanceof HttpException && exception.getStatus() !== 500) {
    const statusCode = exception.getStatus();
    const error = exception.name === 'HttpException' ? HttpStatus[statusCode] : exception.name;
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
  if (error instanceof MfaRequiredError) body.mfaChallenge = error.mfaChallenge;
  if (error.wwwAuthenticate) headers['WWW-Authenticate'] = error.wwwAuthenticate;
  return { body, headers };
}

export { INTERNAL as INTERNAL_ERROR_RESPONSE };
