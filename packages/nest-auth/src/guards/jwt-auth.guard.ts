import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { performance } from 'node:perf_hooks';
import type { Observer } from '../metrics/auth-metrics';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { AuthenticatorProtocol } from '../authenticator/authenticator.protocol';
import { ACCEPTS_API_KEYS_KEY } from '../decorators/accepts-api-keys.decorator';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';
import { PERMISSIONS_KEY } from '../decorators/permissions-key';
import { InsufficientPermissionsError, InvalidTokenError, TokenError } from '../errors/auth.errors';
import { AuthMetrics } from '../metrics/auth-metrics';

const AUTHENTICATED = Symbol('lexAuthAuthenticated');

type Controller = ReturnType<ExecutionContext['getClass']>;
type Handler = ReturnType<ExecutionContext['getHandler']>;

export type GuardedRequest = { headers: Record<string, string | string[] | undefined> } & {
  user?: AuthPrincipal;
  [AUTHENTICATED]?: boolean;
};

/**
 * Authenticates through `AuthenticatorProtocol` and puts the principal on `request.user`.
 * Bind it globally (APP_GUARD) or per route; `@Public()` routes pass. A bad token answers 401
 * with `WWW-Authenticate: Bearer` (RFC 6750 §3).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  // Bound once: every authenticated request observes this series, and a bound child skips the
  // label lookup (and prom-client's timer allocations) on that path.
  private readonly acceptedDuration: Observer;
  // Whether a route is @Public() is fixed once the app is built: read its metadata once per route.
  private readonly publicRoutes = new WeakMap<Controller, WeakMap<Handler, boolean>>();

  constructor(
    private readonly authenticator: AuthenticatorProtocol,
    private readonly reflector: Reflector,
    private readonly metrics: AuthMetrics,
  ) {
    this.acceptedDuration = metrics.tokenVerificationDuration.labels({ outcome: 'accepted' });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.isPublic(context.getClass(), context.getHandler())) return true;
    const principal = await this.authenticate(context.switchToHttp().getRequest<GuardedRequest>());
    // Only an API key pays for this lookup; the bearer path stays as it was.
    if (principal.method === 'api_key') this.requireRouteOpenToApiKeys(context);
    return true;
  }

  private isPublic(controller: Controller, handler: Handler): boolean {
    let handlers = this.publicRoutes.get(controller);
    if (!handlers) this.publicRoutes.set(controller, (handlers = new WeakMap()));
    let open = handlers.get(handler);
    if (open === undefined) {
      open =
        this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, controller]) === true;
      handlers.set(handler, open);
    }
    return open;
  }

  /**
   * An API key reaches only routes that say what it needs (`@Permissions`, checked against its
   * scopes) or that accept any key (`@AcceptsApiKeys`): a key's scopes must bound what it can do,
   * also on a route whose author never thought of keys.
   * @throws InsufficientPermissionsError (403)
   */
  private requireRouteOpenToApiKeys(context: ExecutionContext): void {
    const targets = [context.getHandler(), context.getClass()];
    const open =
      this.reflector.getAllAndOverride<boolean>(ACCEPTS_API_KEYS_KEY, targets) ||
      this.reflector.getAllAndOverride<unknown>(PERMISSIONS_KEY, targets) !== undefined;
    if (!open) {
      throw new InsufficientPermissionsError(
        'This route takes a signed-in user (an access token); API keys reach only routes that ' +
          'declare the permissions their scopes must grant.',
      );
    }
  }

  /**
   * Authenticates the request once (later calls return the same principal), ignoring `@Public()`:
   * `AuthorizationGuard` calls it for routes that require roles or permissions.
   * @throws InvalidTokenError (401) when the request carries no credentials or a bad token
   */
  async authenticate(request: GuardedRequest): Promise<AuthPrincipal> {
    // Bound both globally and on the route, the guard must not pay for a second store lookup.
    if (request[AUTHENTICATED] && request.user) return request.user;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const principal = await this.authenticator.authenticate(request);
      if (!principal) {
        throw new InvalidTokenError(
          'Authentication required: send Authorization: Bearer <access token>.',
          'missing',
        );
      }
      request.user = principal;
      request[AUTHENTICATED] = true;
      this.acceptedDuration.observe(seconds());
      return principal;
    } catch (error) {
      const outcome = error instanceof TokenError ? error.reason : 'error';
      this.metrics.tokenVerificationDuration.observe({ outcome }, seconds());
      if (error instanceof TokenError) {
        this.metrics.tokenRejections.inc({ reason: error.reason });
        // An API key's refusal brings its own `ApiKey` challenge.
        error.wwwAuthenticate ??= challengeFor(error);
      }
      throw error;
    }
  }
}

/** RFC 6750 §3: no error code when credentials were absent, `invalid_token` otherwise. */
function challengeFor(error: TokenError): string {
  if (error instanceof InvalidTokenError && error.reason === 'missing') return 'Bearer realm="api"';
  const description = error.message.replace(/["\\]/g, '');
  return `Bearer realm="api", error="invalid_token", error_description="${description}"`;
}
