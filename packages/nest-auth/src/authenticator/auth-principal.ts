/** How the request proved who it is. */
export type AuthMethod = 'access_token' | 'api_key';

/** Who a request is, as established by `AuthenticatorProtocol`. */
export interface AuthPrincipal {
  userId: string;
  method: AuthMethod;
  /** Role names (from the access token, or the API key owner's current roles). */
  roles: string[];
  /** An API key's scopes, which narrow what its roles allow; null for an access token. */
  scopes: string[] | null;
  /** The refresh-token family (session) the token belongs to. */
  sessionId: string;
  /** The access token's `jti`. */
  tokenId: string;
  issuedAtMs: number;
  expiresAt: Date;
}
