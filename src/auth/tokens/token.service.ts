import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
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
import { toTokenError } from './token-errors';
import type { JsonWebKeySet, TokenKeyRing } from './token-key-ring';
import { loadTokenKeyRing } from './token-keys';

const TYPE_HEADER: Record<TokenKind, string> = {
  access: ACCESS_TOKEN_TYPE,
  refresh: REFRESH_TOKEN_TYPE,
};

/**
 * Mints and verifies the module's JWTs. Verification is pinned (RFC 8725): one algorithm, the
 * issuer, the required audience, a mandatory `exp`, and the `typ` header, so a refresh token
 * never passes as an access token nor the reverse.
 *
 * Every algorithm goes through jose, one code path for signing and one for verifying:
 * jsonwebtoken (what @nestjs/jwt wraps) has no EdDSA, and a second library for Ed25519 alone would
 * mean a second place where the algorithm pin could drift. jose takes the allowed algorithms as
 * a list we fill with exactly the configured one, checks it before it asks for a key, and never
 * follows `jku`/`x5u` or trusts an embedded `jwk`: the key comes only from our key ring, by `kid`.
 */
export class TokenService {
  private readonly keys: TokenKeyRing;

  /** @throws AuthConfigurationError when the configured keys are missing, unreadable or unfit */
  constructor(
    private readonly config: AuthConfig,
    private readonly clock: Clock = systemClock,
    keys?: TokenKeyRing,
  ) {
    this.keys = keys ?? loadTokenKeyRing(config.token);
  }

  /** Mints an access and a refresh token for one session. */
  async issuePair(userId: string, sessionId: string): Promise<TokenPair> {
    const { accessTtlSeconds, refreshTtlSeconds } = this.config.token;
    const [access_token, refresh_token] = await Promise.all([
      this.sign('access', userId, sessionId, accessTtlSeconds),
      this.sign('refresh', userId, sessionId, refreshTtlSeconds),
    ]);
    return { access_token, refresh_token, token_type: 'Bearer', expires_in: accessTtlSeconds };
  }

  /** Mints one token with the current key; used by `issuePair` and by the testing helpers. */
  sign(kind: TokenKind, userId: string, sessionId: string, ttlSeconds: number): Promise<string> {
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
    const { kid, key } = this.keys.signing;
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: this.keys.algorithm, typ: TYPE_HEADER[kind], ...(kid && { kid }) })
      .sign(key);
  }

  /**
   * @throws InvalidTokenError, TokenExpiredError or TokenAudienceError
   */
  async verify(token: string, kind: TokenKind): Promise<TokenClaims> {
    const { issuer, requiredAudience, leewaySeconds } = this.config.token;
    const nowMs = this.clock();
    let header: { typ?: unknown };
    let payload: JWTPayload;
    try {
      refuseUnsigned(token);
      ({ protectedHeader: header, payload } = await jwtVerify(
        token,
        (protectedHeader) => this.keys.keyFor(protectedHeader.kid, nowMs),
        {
          algorithms: [this.keys.algorithm],
          issuer,
          audience: requiredAudience ?? undefined,
          clockTolerance: leewaySeconds,
          currentDate: new Date(nowMs),
        },
      ));
    } catch (error) {
      throw toTokenError(error);
    }
    if (header.typ !== TYPE_HEADER[kind]) {
      throw new InvalidTokenError(
        `This is not ${kind === 'access' ? 'an access' : 'a refresh'} token.`,
        'wrong_type',
      );
    }
    return assertClaims(payload);
  }

  /** The public keys valid now (RFC 7517), for `/.well-known/jwks.json`; null for HS*. */
  jwks(): JsonWebKeySet | null {
    return this.keys.jwks(this.clock());
  }
}

/** `alg: none` with an empty signature part: named apart from a wrong algorithm in the metrics. */
function refuseUnsigned(token: string): void {
  const parts = token.split('.');
  if (parts.length === 3 && parts[0] !== '' && parts[2] === '') {
    throw new InvalidTokenError('Unsigned tokens are not accepted.', 'unsigned');
  }
}

function assertClaims(payload: JWTPayload): TokenClaims {
  const { sub, sid, jti, exp, iat_ms } = payload;
  // jose accepts a token without `exp`; RFC 8725 says a token must not live forever.
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
  return payload as unknown as TokenClaims;
}
