import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Injectable,
  Optional,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthLog } from '../logging/auth-log';
import { AuthMetrics } from '../metrics/auth-metrics';
import { storeOutages } from './store-outages';
import { AuthStoreUnavailableError } from './auth.errors';
import { INTERNAL_ERROR_RESPONSE, toErrorResponse } from './to-error-response';

/**
 * Turns every error into `{statusCode, error, message}` JSON with its status and headers
 * (`Retry-After`, `WWW-Authenticate`). Anything unexpected is a generic 500, logged with its
 * stack, never sent to the client. A 503 for a store outage is counted by `storeOutages`. Bind it in the host: `{ provide: APP_FILTER, useClass: AuthExceptionFilter }`.
 */
@Catch()
@Injectable()
export class AuthExceptionFilter implements ExceptionFilter {
  private readonly logger = new AuthLog('AuthExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Optional() private readonly metrics?: AuthMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = toErrorResponse(exception, http.getRequest<unknown>());
    if (exception instanceof AuthStoreUnavailableError) {
      this.metrics?.storeErrors.inc({ store: exception.store });
      // Logged once per outage (start and end), each refusal at debug: never a stack per 503.
      storeOutages.refused(exception);
    }
    if (!response) this.logger.error('unhandled error', exception);
    const { body, headers } = response ?? INTERNAL_ERROR_RESPONSE;
    const { httpAdapter } = this.adapterHost;
    const reply = http.getResponse<unknown>();
    for (const [name, value] of Object.entries(headers)) httpAdapter.setHeader(reply, name, value);
    httpAdapter.reply(reply, body, body.statusCode);
  }
}
