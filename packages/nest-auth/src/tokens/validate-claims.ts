import { InvalidTokenError, TokenAudienceError, TokenExpiredError } from '../errors/auth.errors';
import type { TokenClaims } from './token-claims';

/** What the claims of a verified token of one kind must satisfy. */
export interface ClaimRules {
  issuer: string;
  /** When set, `aud` must be it or a list holding it. */
  requiredAudience: string | null;
  leewaySeconds: number;
  /** The configured lifetime of this kind of token: `exp` may be at most this after `iat`. */
  lifetimeSeconds: number;
}

const invalid = (message: string, reason: string) => new InvalidTokenError(message, reason);

/** RFC 7519 §2 NumericDate; `1e400` parses as Infinity, which would never expire. */
const isNumericDate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * The registered claims (RFC 7519 §4.1) — issuer, audience, then the times — followed by the
 * module's own (`sub`, `sid`, `jti`, `roles`, `client_id`).
 * @throws InvalidTokenError, TokenAudienceError or TokenExpiredError
 */
export function validateClaims(
  payload: Record<string, unknown>,
  rules: ClaimRules,
  nowMs: number,
): TokenClaims {
  if (payload.iss !== rules.issuer) {
    throw invalid('The token was issued by someone else (iss).', 'issuer');
  }
  if (rules.requiredAudience !== null && !hasAudience(payload.aud, rules.requiredAudience)) {
    throw new TokenAudienceError();
  }
  validateTimes(payload, rules, nowMs);
  validateModuleClaims(payload);
  return payload as unknown as TokenClaims;
}

/**
 * `iat` and `iat_ms` (the instant logout-all compares against) may not lie in the future, and
 * must name the same second; `nbf` is honoured; `exp` is mandatory (RFC 8725) and at most the
 * configured lifetime after `iat`, so no token outlives what this server would mint.
 */
function validateTimes(payload: Record<string, unknown>, rules: ClaimRules, nowMs: number): void {
  const { iat, iat_ms, nbf, exp } = payload;
  const leeway = rules.leewaySeconds;
  const now = Math.floor(nowMs / 1000);
  if (exp === undefined) throw invalid('The token has no expiry (exp).', 'no_exp');
  if (!isNumericDate(exp) || !isNumericDate(iat) || !isNumericDate(iat_ms)) {
    throw invalid('The token has an invalid claim.', 'claims');
  }
  if (Math.floor(iat_ms / 1000) !== iat) throw invalid('The token has an invalid claim.', 'claims');
  if (iat > now + leeway || iat_ms > nowMs + leeway * 1000) {
    throw invalid('The token claims to be issued in the future (iat).', 'issued_in_future');
  }
  if (nbf !== undefined && (!isNumericDate(nbf) || nbf > now + leeway)) {
    throw invalid('The token is not valid yet (nbf).', 'not_before');
  }
  if (exp - iat > rules.lifetimeSeconds + leeway) {
    throw invalid('The token lives longer than this server allows (exp).', 'lifetime');
  }
  if (exp <= now - leeway) throw new TokenExpiredError();
}

function validateModuleClaims(payload: Record<string, unknown>): void {
  const { sub, sid, jti, roles, client_id } = payload;
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof jti !== 'string') {
    throw invalid('The token lacks required claims.', 'claims');
  }
  const badRoles =
    roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'));
  if (badRoles || (client_id !== undefined && typeof client_id !== 'string')) {
    throw invalid('The token has an invalid claim.', 'claims');
  }
}

function hasAudience(aud: unknown, required: string): boolean {
  return aud === required || (Array.isArray(aud) && aud.includes(required));
}
