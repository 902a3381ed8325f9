/** JOSE `typ` header values: access tokens follow RFC 9068; refresh tokens get their own. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const REFRESH_TOKEN_TYPE = 'refresh+jwt';
export type TokenKind = 'access' | 'refresh';

/**
 * A `typ` header as a media type without its `application/` prefix, lower case (RFC 7515
 * §4.1.9): RFC 9068 §4 has resource servers accept `at+jwt` and `application/at+jwt` alike.
 */
export function normalizedTokenType(typ: unknown): string | null {
  if (typeof typ !== 'string') return null;
  const lower = typ.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

/** The claims of both token kinds. */
export interface TokenClaims {
  sub: string;
  /** The refresh-token family (session) the token belongs to. */
  sid: string;
  jti: string;
  iat: number;
  /**
   * Issue instant in milliseconds. `iat` has one-second resolution, too coarse to tell a token
   * minted just after a logout-all from one minted just before it in the same second.
   */
  iat_ms: number;
  exp: number;
  iss: string;
  /** `token.audience`, or the issuer when none is set; absent in tokens earlier versions minted. */
  aud?: string | string[];
  /**
   * Access tokens (RFC 9068 §2.2): the OAuth client the token was issued to. The module is its
   * own first-party client, so it is the issuer; absent in tokens earlier versions minted.
   */
  client_id?: string;
  /** Access tokens: the user's role names when it was minted (a change shows at the next refresh). */
  roles?: string[];
}

/** The RFC 6749 token response. */
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
}
