import type { TokenSettings } from '../settings/auth-settings';

/**
 * The `aud` minted into every token: `token.audience`, else the issuer. RFC 9068 §2.2 requires
 * an `aud`; with one service verifying its own tokens, the issuer is the natural audience.
 */
export function mintedAudience(token: Pick<TokenSettings, 'audience' | 'issuer'>): string {
  return token.audience ?? token.issuer;
}
