import { InvalidTokenError, TokenAudienceError, TokenExpiredError } from '../errors/auth.errors';
import type { TokenClaims } from './token-claims';

/** What the claims of a verified token must satisfy. */
export interface ClaimRules {
  issuer: string;
  /** When set, `aud` must be it or a list holding it. */
  requiredAudience: string | null;
  leewaySeconds: number;
}

const invalid = (message: string, reason: string) => new InvalidTokenError(message, reason);

/**
 * The registered claims (RFC 7519 §4.1) in the order a JOSE library checks them — issuer,
 * audience, `iat`, `nbf`, `exp` (mandatory, RFC 8725) — then the module's own (`sub`, `sid`,
 * `jti`, `iat_ms`).
 * @throws InvalidTokenError, TokenAudienceError or TokenExpiredError
 */
export function validateClaims(
  payload: Record<string, unknown>,
  rules: ClaimRules,
  nowMs: number,
): TokenClaims {
  const { iss, aud, iat, nbf, exp } = payload;
  if (iss !== rules.issuer) {
    throw invalid('The token was issued by someone else (iss).', 'issuer');
  }
  if (rules.requiredAudience !== null && !hasAudience(aud, rules.requiredAudience)) {
    throw new TokenAudienceError();
  }
  const now = Math.floor(nowMs / 1000);
  if (iat !== undefined && typeof iat !== 'number') {
    throw invalid('The token has an invalid claim.', 'claims');
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + rules.leewaySeconds)) {
    throw invalid('The token is not valid yet (nbf).', 'not_before');
  }
  if (typeof exp !== 'number') throw invalid('The token has no expiry (exp).', 'no_exp');
  if (exp <= now - rules.leewaySeconds) throw new TokenExpiredError();
  const { sub, sid, jti, iat_ms } = payload;
  if (
    typeof sub !== 'string' ||
    typeof sid !== 'string' ||
    typeof jti !== 'string' ||
    typeof iat_ms !== 'number'
  ) {
    throw invalid('The token lacks required claims.', 'claims');
  }
  const { roles } = payload;
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
    throw invalid('The token has an invalid claim.', 'claims');
  }
  return payload as unknown as TokenClaims;
}

function hasAudience(aud: unknown, required: string): boolean {
  return aud === required || (Array.isArray(aud) && aud.includes(required));
}
