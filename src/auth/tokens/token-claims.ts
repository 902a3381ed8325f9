/** JOSE `typ` header values: access tokens follow RFC 9068; refresh tokens get their own. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const REFRESH_TOKEN_TYPE = 'refresh+jwt';
export type TokenKind = 'access' | 'refresh';

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
  aud?: string | string[];
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
