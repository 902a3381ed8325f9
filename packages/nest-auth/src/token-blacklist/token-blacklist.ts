/** What `isRevoked` needs of a token. */
export interface RevocationQuery {
  /** The token's `jti` and its session (`sid`); any one revoked revokes the token. */
  ids: string[];
  userId: string;
  /** The token's issue instant, in milliseconds. */
  issuedAtMs: number;
}

/**
 * Revoked token ids (jti, and session ids) until their expiry, plus per-user "revoked before"
 * instants for log-out-everywhere and password changes. Entries expire with the tokens they
 * revoke, so the store stays bounded.
 */
export abstract class TokenBlacklist {
  /**
   * Revokes `id` until `expiresAt`. Atomic test-and-set: resolves `true` when this call revoked
   * it and `false` when it already was, which is how a spent refresh token is told from a fresh one.
   */
  abstract revoke(id: string, expiresAt: Date): Promise<boolean>;
  /**
   * Revokes every token of `userId` issued at or before `beforeMs` (epoch ms); kept until
   * `expiresAt`, when every such token has expired anyway. A later instant never moves back.
   */
  abstract revokeAllForUser(userId: string, beforeMs: number, expiresAt: Date): Promise<void>;
  /** One round trip: is any id revoked, or was the token issued at or before the user's instant? */
  abstract isRevoked(query: RevocationQuery): Promise<boolean>;
  /**
   * As `isRevoked`, but reflecting every revocation whose write has completed, on any instance.
   * A store that answers `isRevoked` from a replica (which may lag other instances by a few ms)
   * asks the shared storage here. For the rare checks that mint new tokens from an old one
   * (refresh): tokens minted in that lag would be newer than a "revoked before" instant and
   * outlive a log-out-everywhere. The default is `isRevoked`, already exact for most stores.
   */
  isRevokedNow(query: RevocationQuery): Promise<boolean> {
    return this.isRevoked(query);
  }
}

export { TokenBlacklist as TokenBlacklistProtocol };
