import { HttpException, HttpStatus } from '@nestjs/common';
import {
  AuthError,
  MfaRequiredError,
  PasswordPolicyError,
  RequestValidationError,
} from './auth.errors';
import type { ErrorResponse } from './error-body';
import {
  MethodNotAllowedError,
  PayloadTooLargeError,
  RequestAbortedError,
  UnsupportedMediaTypeError,
} from './http-request.errors';

// The HTTP platforms refuse some bodies before any handler runs: Express's body-parser throws
// http-errors with a `status` (and mostly a `type`), Fastify's arrive as a bare HttpException.
// Their messages can quote the body, so each becomes one error of ours. (The example host reads
// bodies itself and throws ours; this covers a host on the platforms' own parsers.)
function refusalFor(status: number, type?: unknown): AuthError | undefined {
  if (status === 413) return new PayloadTooLargeError();
  if (status === 415) return new UnsupportedMediaTypeError();
  if (status !== 400) return undefined;
  if (type === 'request.aborted' || type === 'request.size.invalid')
    return new RequestAbortedError();
  return new RequestValidationError(
    'The request body is not valid JSON, or its encoding is corrupt.',
  );
}

/** The error of ours for a platform body refusal, or undefined for anything else. */
function platformRefusal(exception: unknown): AuthError | undefined {
  const { type, status, expose } = (exception ?? {}) as Record<string, unknown>;
  const fromBodyParser = typeof type === 'string' || expose === true;
  if (typeof status === 'number' && fromBodyParser) return refusalFor(status, type);
  if (exception instanceof HttpException && exception.name === 'HttpException') {
    const statusCode = exception.getStatus();
    // A bare 400 is not necessarily a body refusal; only 413/415 are read as one.
    return statusCode === 413 || statusCode === 415 ? refusalFor(statusCode) : undefined;
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
  const refusal = platformRefusal(exception);
  if (refusal) return fromAuthError(refusal);
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
  if (error instanceof MfaRequiredError) {
    body.mfaChallenge = error.mfaChallenge;
    body.methods = error.methods;
  }
  if (error instanceof MethodNotAllowedError) headers.Allow = error.allow.join(', ');
  if (error.wwwAuthenticate) headers['WWW-Authenticate'] = error.wwwAuthenticate;
  return { body, headers };
}

export { INTERNAL as INTERNAL_ERROR_RESPONSE };
