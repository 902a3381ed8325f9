import type { AuthPrincipal } from './auth-principal';

/** The parts of an HTTP request an authenticator reads. */
export interface AuthenticatableRequest {
  headers: Record<string, string | string[] | undefined>;
  /** Node's raw header list (Express's request; `raw` on Fastify's), repeated headers included. */
  rawHeaders?: string[];
  raw?: { rawHeaders?: string[] };
}

/**
 * Turns a request into its principal. `JwtAuthGuard` calls it, so overriding this token changes
 * how every protected route authenticates.
 */
export abstract class AuthenticatorProtocol {
  /**
   * @returns the principal, or `null` when the request carries no credentials.
   * @throws TokenError subclasses for a bad token; AuthStoreUnavailableError when the
   *   revocation store cannot answer.
   */
  abstract authenticate(request: AuthenticatableRequest): Promise<AuthPrincipal | null>;
}
