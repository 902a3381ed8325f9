import { TokenBlacklistedError } from '../errors/auth.errors';
import { TokenBlacklist } from '../token-blacklist/token-blacklist';
import type { TokenService } from '../tokens/token.service';
import type { AuthPrincipal } from './auth-principal';
import { type AuthenticatableRequest, AuthenticatorProtocol } from './authenticator.protocol';
import { authorizationOf, bearerTokenOf } from './bearer-token';

/**
 * The default authenticator: an RFC 6750 bearer access token (exactly one b64token, nothing
 * after it), checked for signature, algorithm, claims and type, then against the blacklist
 * (token id, session, and the user's revoked-before instant) in one store round trip.
 */
export class BearerJwtAuthenticator extends AuthenticatorProtocol {
  constructor(
    private readonly tokens: TokenService,
    private readonly blacklist: TokenBlacklist,
  ) {
    super();
  }

  async authenticate(request: AuthenticatableRequest): Promise<AuthPrincipal | null> {
    const token = bearerTokenOf(authorizationOf(request));
    if (!token) return null;
    // Synchronous: no promise or thread-pool hop before the one store round trip.
    const claims = this.tokens.verifyNow(token, 'access');
    const revoked = await this.blacklist.isRevoked({
      ids: [claims.jti, claims.sid],
      userId: claims.sub,
      issuedAtMs: claims.iat_ms,
    });
    if (revoked) throw new TokenBlacklistedError();
    return {
      userId: claims.sub,
      method: 'access_token',
      roles: claims.roles ?? [],
      scopes: null,
      sessionId: claims.sid,
      tokenId: claims.jti,
      issuedAtMs: claims.iat_ms,
      expiresAt: new Date(claims.exp * 1000),
    };
  }
}
