import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { Algorithm } from 'jsonwebtoken';
import { AuthConfig } from '../config/auth-config';
import { type Clock, systemClock } from '../common/clock';
import { InvalidTokenError } from '../errors/auth.errors';
import {
  ACCESS_TOKEN_TYPE,
  REFRESH_TOKEN_TYPE,
  type TokenClaims,
  type TokenKind,
  type TokenPair,
} from './token-claims';
import { loadTokenKeys } from './token-keys';
import { toTokenError } from './token-errors';

const TYPE_HEADER: Record<TokenKind, string> = {
  access: ACCESS_TOKEN_TYPE,
  refresh: REFRESH_TOKEN_TYPE,
};

/**
 * Mints and verifies the module's JWTs. Verification is pinned (RFC 8725): one algorithm, the
 * issuer, the required audience, a mandatory `exp`, and the `typ` header, so a refresh token
 * never passes as an access token nor the reverse.
 */
export class TokenService {
  private readonly jwt: JwtService;
  private readonly algorithm: Algorithm;

  constructor(
    private readonly config: AuthConfig,
    private readonly clock: Clock = systemClock,
  ) {
    const keys = loadTokenKeys(config.token);
    this.jwt = new JwtService({ privateKey: keys.signing, publicKey: keys.verifying });
    this.algorithm = config.token.algorithm as Algorithm;
  }

  /** Mints an access and a refresh token for one session. */
  issuePair(userId: string, sessionId: string): TokenPair {
    const { accessTtlSeconds, refreshTtlSeconds } = this.config.token;
    return {
      access_token: this.sign('access', userId, sessionId, accessTtlSeconds),
      refresh_token: this.sign('refresh', userId, sessionId, refreshTtlSeconds),
      token_type: 'Bearer',
      expires_in: accessTtlSeconds,
    };
  }

  /** Mints one token; used by `issuePair` and by the testing helpers. */
  sign(kind: TokenKind, userId: string, sessionId: string, ttlSeconds: number): string {
    const nowMs = this.clock();
    const iat = Math.floor(nowMs / 1000);
    const { issuer, audience } = this.config.token;
    const claims: TokenClaims = {
      sub: userId,
      sid: sessionId,
      jti: randomUUID(),
      iat,
      iat_ms: nowMs,
      exp: iat + ttlSeconds,
      iss: issuer,
      ...(audience ? { aud: audience } : {}),
    };
    return this.jwt.sign(claims, {
      algorithm: this.algorithm,
      header: { alg: this.algorithm, typ: TYPE_HEADER[kind] },
    });
  }

  /**
   * @throws InvalidTokenError, TokenExpiredError or TokenAudienceError
   */
  verify(token: string, kind: TokenKind): TokenClaims {
    const { issuer, requiredAudience, leewaySeconds } = this.config.token;
    let decoded: { header: { typ?: unknown }; payload: Partial<TokenClaims> };
    try {
      decoded = this.jwt.verify(token, {
        algorithms: [this.algorithm],
        issuer,
        audience: requiredAudience ?? undefined,
        clockTolerance: leewaySeconds,
        clockTimestamp: Math.floor(this.clock() / 1000),
        complete: true,
      });
    } catch (error) {
      throw toTokenError(error);
    }
    if (decoded.header.typ !== TYPE_HEADER[kind]) {
      throw new InvalidTokenError(
        `This is not ${kind === 'access' ? 'an access' : 'a refresh'} token.`,
        'wrong_type',
      );
    }
    return assertClaims(decoded.payload);
  }
}

function assertClaims(payload: Partial<TokenClaims>): TokenClaims {
  const { sub, sid, jti, exp, iat_ms } = payload;
  // jsonwebtoken accepts a token without `exp`; RFC 8725 says a token must not live forever.
  if (typeof exp !== 'number')
    throw new InvalidTokenError('The token has no expiry (exp).', 'no_exp');
  if (
    typeof sub !== 'string' ||
    typeof sid !== 'string' ||
    typeof jti !== 'string' ||
    typeof iat_ms !== 'number'
  ) {
    throw new InvalidTokenError('The token lacks required claims.', 'claims');
  }
  return payload as TokenClaims;
}
