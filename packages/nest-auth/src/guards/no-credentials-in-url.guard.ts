import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { RequestValidationError } from '../errors/auth.errors';

/**
 * Refuses auth requests that carry anything in the query string. Credentials in a URL end up in
 * access logs, proxies and browser history (OWASP ASVS 8.3.1), so they get a 400, not a login.
 */
@Injectable()
export class NoCredentialsInUrlGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { query } = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>();
    if (query && Object.keys(query).length > 0) {
      throw new RequestValidationError(
        'Auth endpoints take no query parameters: send credentials in the JSON body or the Authorization header, never in the URL.',
      );
    }
    return true;
  }
}
