import { ExtractJwt, type JwtFromRequestFunction } from 'passport-jwt';
import type { Request } from 'express';
import { TokenBlacklistedError } from '../errors/auth.errors';
import { TokenBlacklist } from '../token-blacklist/token-blacklist';
import type { TokenService } from '../tokens/token.service';
import type { AuthPrincipal } from './auth-principal';
import { type AuthenticatableRequest, AuthenticatorProtocol } from './authenticator.protocol';

/**
 * The default authenticator: an RFC 6750 bearer access token, checked for signature, algorithm,
 * claims and type, then against the blacklist (token id, session, and the user's revoked-before
 * instant) in one store round trip.
 */
export class BearerJwtAuthenticator extends AuthenticatorProtocol {
  // passport-jwt's extractor: scheme matched case-insensitively, as RFC 7235 requires.
  private readonly extract: JwtFromRequestFunction = ExtractJwt.fromAuthHeaderAsBearerToken();

  constructor(
    private readonly tokens: TokenService,
    private readonly blacklist: TokenBlacklist,
  ) {
    super();
  }

  async authenticate(request: AuthenticatableRequest): Promise<AuthPrincipal | null> {
    const token = this.extract(request as Request);
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
