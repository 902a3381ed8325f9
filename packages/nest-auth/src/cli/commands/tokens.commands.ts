import type { INestApplicationContext } from '@nestjs/common';
import { ApiKeyService } from '../../api-keys/api-key.service';
import { AuthClock } from '../../common/auth-clock';
import { AuthConfig } from '../../settings/auth-config';
import { TokenBlacklist } from '../../token-blacklist/token-blacklist';
import { TokenError } from '../../errors/auth.errors';
import { TokenService } from '../../tokens/token.service';
import { type TokenClaims } from '../../tokens/token-claims';
import type { CliCommand } from '../cli-command';
import { CommandFailedError } from '../cli-errors';
import { humanTime, requireUser, revokeAllTokensOf } from '../cli-helpers';
import { decodeJwt, looksLikeJwt } from '../decode-jwt';

/** The first check this server would fail the token on, as the bearer authenticator runs them. */
async function serverVerdict(
  app: INestApplicationContext,
  token: string,
  typ: unknown,
): Promise<{ verdict: string; reason: string | null; message: string | null }> {
  const kind = typ === 'refresh+jwt' ? 'refresh' : 'access';
  let claims: TokenClaims;
  try {
    claims = await app.get(TokenService).verify(token, kind);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    return { verdict: 'rejected', reason: error.reason, message: error.message };
  }
  const query = { ids: [claims.jti, claims.sid], userId: claims.sub, issuedAtMs: claims.iat_ms };
  if (await app.get(TokenBlacklist).isRevoked(query)) {
    return { verdict: 'rejected', reason: 'blacklisted', message: 'The token has been revoked.' };
  }
  return { verdict: `accepted as ${kind} token`, reason: null, message: null };
}

/** A NumericDate in human time; null when absent, or beyond what a Date holds (`1e20`, `1e400`). */
function time(seconds: unknown, nowMs: number): string | null {
  const date = new Date(typeof seconds === 'number' ? seconds * 1000 : NaN);
  return isNaN(date.getTime()) ? null : humanTime(date, nowMs);
}

export const tokensDecode: CliCommand = {
  name: 'tokens:decode',
  args: ['jwt'],
  summary: 'Show a JWT header and claims, and which check this server would fail it on',
  description:
    'Decodes the header and claims WITHOUT trusting them, shows issue and expiry times in human time, then runs the checks this server runs (signature, algorithm, issuer, expiry, audience, type, revocation) and names the first that fails: expired, audience, blacklisted, signature, …',
  async run({ args, app, out }) {
    const { header, claims } = decodeJwt(args[0]);
    const ctx = await app();
    const nowMs = ctx.get(AuthClock).now();
    const verdict = await serverVerdict(ctx, args[0].trim(), header.typ);
    out.result({
      header,
      claims,
      issuedAt: time(claims.iat, nowMs),
      expiresAt: time(claims.exp, nowMs),
      ...verdict,
    });
  },
};

export const tokensRevoke: CliCommand = {
  name: 'tokens:revoke',
  args: ['jti|jwt'],
  summary: 'Revoke one token by its jti, or by the token itself',
  description:
    "Adds the token's id (jti) to the blacklist. Given the whole JWT, the entry expires with the token; given a bare jti, it is kept for the longest token lifetime. The token's signature is not checked: revoking a token nobody can use is harmless.",
  async run({ args, app, out }) {
    const ctx = await app();
    const { accessTtlSeconds, refreshTtlSeconds, leewaySeconds } = ctx.get(AuthConfig).token;
    let jti = args[0].trim();
    let expiresAt = new Date(
      ctx.get(AuthClock).now() +
        (Math.max(accessTtlSeconds, refreshTtlSeconds) + leewaySeconds) * 1000,
    );
    if (looksLikeJwt(jti)) {
      const { claims } = decodeJwt(jti);
      if (typeof claims.jti !== 'string')
        throw new CommandFailedError('The token has no jti claim.');
      jti = claims.jti;
      // No token verifies past the longest lifetime, so a far-off or non-finite exp never extends it.
      const expMs = typeof claims.exp === 'number' ? (claims.exp + leewaySeconds) * 1000 : NaN;
      if (expMs < expiresAt.getTime()) expiresAt = new Date(expMs);
    }
    const newlyRevoked = await ctx.get(TokenBlacklist).revoke(jti, expiresAt);
    out.result({
      jti,
      revoked: true,
      alreadyRevoked: !newlyRevoked,
      until: expiresAt.toISOString(),
    });
  },
};

export const tokensRevokeUser: CliCommand = {
  name: 'tokens:revoke-user',
  args: ['email'],
  options: {
    'api-keys': { type: 'boolean', description: 'revoke every API key of the user too' },
  },
  summary: 'Revoke every token of a user issued up to now (log out everywhere)',
  description:
    'Marks every access and refresh token the user holds as revoked, on every instance sharing the store, and ends their listed sessions. The user logs in again to get new ones; the password is unchanged.\n\n' +
    'API keys are standing credentials with their own lifecycle and keep working, unless --api-keys is given: then every API key of the user is revoked too (for a compromised account).',
  async run({ args, flags, app, out }) {
    const ctx = await app();
    const user = await requireUser(ctx, args[0]);
    const before = await revokeAllTokensOf(ctx, user.id);
    const apiKeysRevoked =
      flags['api-keys'] === true ? await ctx.get(ApiKeyService).revokeAllForUser(user.id) : 0;
    out.result({
      email: user.email,
      userId: user.id,
      revokedBefore: before.toISOString(),
      apiKeysRevoked,
    });
  },
};
