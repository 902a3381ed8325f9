/** Who a request is, as established by `AuthenticatorProtocol`. */
export interface AuthPrincipal {
  userId: string;
  /** The refresh-token family (session) the token belongs to. */
  sessionId: string;
  /** The access token's `jti`. */
  tokenId: string;
  issuedAtMs: number;
  expiresAt: Date;
}
