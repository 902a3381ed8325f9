import { HttpStatus } from '@nestjs/common';
import { AuthError } from './auth.errors';

// Refusals of a request as HTTP, before any route logic: the host's body reader and method check
// throw them, and the platforms' own refusals are mapped to them, so each has one body everywhere.

/** The body is not JSON in UTF-8, or is sent with a Content-Encoding other than identity. */
export class UnsupportedMediaTypeError extends AuthError {
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  constructor() {
    super(
      'The request body must be JSON: Content-Type: application/json (charset utf-8, if any), ' +
        'with no Content-Encoding.',
    );
  }
}

/** The body is over the size limit; it is refused before it is parsed. */
export class PayloadTooLargeError extends AuthError {
  readonly status = HttpStatus.PAYLOAD_TOO_LARGE;
  constructor() {
    super('The request body is too large.');
  }
}

/** The body ended before its Content-Length, or the client went away while sending it. */
export class RequestAbortedError extends AuthError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('The request body was not received in full.');
  }
}

/** The path exists, but not for this method; `allow` goes out as the `Allow` header. */
export class MethodNotAllowedError extends AuthError {
  readonly status = HttpStatus.METHOD_NOT_ALLOWED;
  constructor(readonly allow: readonly string[]) {
    super(`This route answers ${allow.join(', ')} only.`);
  }
}
