import { InsufficientPermissionsError } from '../errors/auth.errors';
import type { AuthPrincipal } from './auth-principal';

/**
 * Account management (sessions, MFA, API keys, logout, password) belongs to the person signed in
 * with a login's access token. An API key is a standing credential held by a script: it may call
 * the host's routes its scopes allow, never change the account that owns it.
 * @param what the thing being managed, for the message ("Sessions", "MFA settings", …)
 * @throws InsufficientPermissionsError (403) for an API key
 */
export function requireAccessToken(principal: AuthPrincipal, what: string): void {
  if (principal.method !== 'access_token') {
    throw new InsufficientPermissionsError(
      `${what} need a signed-in user (an access token from a login); an API key cannot manage them.`,
    );
  }
}
