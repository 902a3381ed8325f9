import { HttpException, HttpStatus } from '@nestjs/common';
import { AuthError, MfaRequiredError, PasswordPolicyError } from './auth.errors';
import type { ErrorResponse } from './error-body';
import { MethodNotAllowedError } from './http-request.errors';
import { platformBodyRefusal } from './platform-body-refusal';

const INTERNAL: ErrorResponse = {
  body: { statusCode: 500, error: 'InternalServerError', message: 'Internal server error.' },
  headers: {},
};

/**
 * Maps any thrown value to the response the client sees; `null` means "unexpected: log it".
 * @param request the request it answers, which tells a platform's body refusal apart
 */
export function toErrorResponse(exception: unknown, request?: unknown): ErrorResponse | null {
  if (exception instanceof AuthError) return fromAuthError(exception);
  const refusal = platformBodyRefusal(exception, request);
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
