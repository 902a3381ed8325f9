import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { AuthConfig } from '../settings/auth-config';
import { type Clock, systemClock } from '../common/clock';
import { InvalidTokenError } from '../errors/auth.errors';
import {
  ACCESS_TOKEN_TYPE,
  normalizedTokenType,
  REFRESH_TOKEN_TYPE,
  type TokenClaims,
  type TokenKind,
  type TokenPair,
} from './token-claims';
import { CompactJwtVerifier } from './compact-jwt-verifier';
import { withLowS } from './ecdsa-low-s';
import { mintedAudience } from './token-audience';
import type { JsonWebKeySet, TokenKeyRing } from './token-key-ring';
import { loadTokenKeyRing } from './token-keys';
import { type ClaimRules, validateClaims } from './validate-claims';
import { VerifiedTokenCache } from './verified-token-cache';

// Enough for every access token in use on one instance at once in most apps; ~1 KB each.
const VERIFIED_ACCESS_TOKENS_KEPT = 10_000;

const TYPE_HEADER: Record<TokenKind, string> = {
  access: ACCESS_TOKEN_TYPE,
  refresh: REFRESH_TOKEN_TYPE,
};

/**
 * Mints and verifies the module's JWTs. Verification is pinned (RFC 8725): one algorithm, the
 * `typ` header (so a refresh token never passes as an access token nor the reverse), the issuer,
 * the required audience, and a finite `exp` at most the kind's TTL after an `iat` not in the
 * future.
 *
 * jose signs (every algorithm, EdDSA included). Verification runs synchronously in
 * `CompactJwtVerifier` on node:crypto with `KeyObject`s: the configured algorithm is checked
 * before a key is looked up, the key comes only from our key ring by `kid` (never `jku`/`x5u` or
 * an embedded `jwk`), then `validateClaims` checks the claims. jose's `jwtVerify` costs a promise
 * and a thread-pool hop per token, about half the rate on the per-request path.
 */
export class TokenService {
  private readonly keys: TokenKeyRing;
  private readonly verifier: CompactJwtVerifier;
  private readonly claimRules: Record<TokenKind, ClaimRules>;
  // Refresh tokens are spent once; only access tokens repeat.
  private readonly verifiedAccessTokens = new VerifiedTokenCache(VERIFIED_ACCESS_TOKENS_KEPT);

  /** @throws AuthConfigurationError when the configured keys are missing, unreadable or unfit */
  constructor(
    private readonly config: AuthConfig,
    private readonly clock: Clock = systemClock,
    keys?: TokenKeyRing,
  ) {
    this.keys = keys ?? loadTokenKeyRing(config.token);
    this.verifier = new CompactJwtVerifier(this.keys);
    const { issuer, requiredAudience, leewaySeconds, accessTtlSeconds, refreshTtlSeconds } =
      config.token;
    const rules = { issuer, requiredAudience, leewaySeconds };
    this.claimRules = {
      access: { ...rules, lifetimeSeconds: accessTtlSeconds },
      refresh: { ...rules, lifetimeSeconds: refreshTtlSeconds },
    };
  }

  /** Mints an access and a refresh token for one session; `roles` go into the access token. */
  async issuePair(userId: string, sessionId: string, roles: string[] = []): Promise<TokenPair> {
    const { accessTtlSeconds, refreshTtlSeconds } = this.config.token;
    const [access_token, refresh_token] = await Promise.all([
      this.sign('access', userId, sessionId, accessTtlSeconds, roles),
      this.sign('refresh', userId, sessionId, refreshTtlSeconds),
    ]);
    return { access_token, refresh_token, token_type: 'Bearer', expires_in: accessTtlSeconds };
  }

  /**
   * Mints one token with the current key; used by `issuePair` and by the testing helpers. Access
   * tokens are RFC 9068 JWT access tokens (`typ: at+jwt`, `client_id`, `aud`).
   * @throws RangeError when `ttlSeconds` exceeds the configured lifetime of `kind`, which the
   *   verifier would refuse
   */
  async sign(
    kind: TokenKind,
    userId: string,
    sessionId: string,
    ttlSeconds: number,
    roles?: string[],
  ): Promise<string> {
    if (ttlSeconds > this.claimRules[kind].lifetimeSeconds) {
      throw new RangeError(`A ${kind} token may live at most the configured ${kind} TTL.`);
    }
    const { kid, key } = this.keys.signing;
    const alg = this.keys.algorithm;
    const token = await new SignJWT({
      ...this.claimsFor(kind, userId, sessionId, ttlSeconds, roles),
    })
      .setProtectedHeader({ alg, typ: TYPE_HEADER[kind], ...(kid && { kid }) })
      .sign(key);
    return alg === 'ES256' ? withLowS(token) : token;
  }

  private claimsFor(
    kind: TokenKind,
    userId: string,
    sessionId: string,
    ttlSeconds: number,
    roles?: string[],
  ): TokenClaims {
    const nowMs = this.clock();
    const iat = Math.floor(nowMs / 1000);
    const { issuer } = this.config.token;
    return {
      sub: userId,
      sid: sessionId,
      jti: randomUUID(),
      iat,
      iat_ms: nowMs,
      exp: iat + ttlSeconds,
      iss: issuer,
      aud: mintedAudience(this.config.token),
      ...(kind === 'access' ? { client_id: issuer, roles: roles ?? [] } : {}),
    };
  }

  /**
   * Synchronous underneath (see `CompactJwtVerifier`); async for callers that await it.
   * @throws InvalidTokenError, TokenExpiredError or TokenAudienceError
   */
  // eslint-disable-next-line @typescript-eslint/require-await -- a rejection, never a throw
  async verify(token: string, kind: TokenKind): Promise<TokenClaims> {
    return this.verifyNow(token, kind);
  }

  /**
   * The same checks as `verify`, without a promise: for a guard on the hot path.
   * @throws InvalidTokenError, TokenExpiredError or TokenAudienceError
   */
  verifyNow(token: string, kind: TokenKind): TokenClaims {
    const nowMs = this.clock();
    const cached = kind === 'access' ? this.verifiedAccessTokens.get(token) : undefined;
    const verified = cached
      ? this.verifier.recheckKey(cached, nowMs)
      : this.verifier.verify(token, nowMs);
    if (normalizedTokenType(verified.header.typ) !== TYPE_HEADER[kind]) {
      throw new InvalidTokenError(
        `This is not ${kind === 'access' ? 'an access' : 'a refresh'} token.`,
        'wrong_type',
      );
    }
    const claims = validateClaims(verified.payload, this.claimRules[kind], nowMs);
    if (!cached && kind === 'access') this.verifiedAccessTokens.remember(token, verified);
    return claims;
  }

  /** The public keys valid now (RFC 7517), for `/.well-known/jwks.json`; null for HS*. */
  jwks(): JsonWebKeySet | null {
    return this.keys.jwks(this.clock());
  }
}
