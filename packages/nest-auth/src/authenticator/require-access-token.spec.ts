import { InsufficientPermissionsError } from '../errors/auth.errors';
import type { AuthPrincipal } from './auth-principal';
import { requireAccessToken } from './require-access-token';

const principal = (method: AuthPrincipal['method']): AuthPrincipal => ({
  userId: 'user-1',
  method,
  roles: [],
  scopes: method === 'api_key' ? ['*'] : null,
  sessionId: 's',
  tokenId: 't',
  issuedAtMs: 0,
  expiresAt: new Date(0),
});

describe('requireAccessToken', () => {
  it('lets an access token through', () => {
    expect(() => requireAccessToken(principal('access_token'), 'Sessions')).not.toThrow();
  });

  it('refuses an API key, even one scoped to everything, with 403 naming what it tried', () => {
    expect(() => requireAccessToken(principal('api_key'), 'MFA settings')).toThrow(
      new InsufficientPermissionsError(
        'MFA settings need a signed-in user (an access token from a login); an API key cannot manage them.',
      ),
    );
  });
});
