import { randomUUID } from 'node:crypto';
import { ApiKeyService } from '../api-keys/api-key.service';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { AuthClock } from '../common/auth-clock';
import { totpCodeAt, totpStep } from '../mfa/totp';
import { AuthConfig } from '../settings/auth-config';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { TokenService } from '../tokens/token.service';
import { UserStore } from '../user-store/user-store';

/**
 * Mints valid access tokens in a host's tests, so protected routes can be called without a
 * real login. Available from `AuthModule.stub()`: `app.get(AuthTestTokens)`.
 */
export class AuthTestTokens {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserStore,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /**
   * An access token for a user id, or for the email of a known stub user. It carries `roles`
   * when given, else the user's stored roles (none for an id the store does not know).
   */
  async accessTokenFor(userIdOrEmail: string, options: { roles?: string[] } = {}): Promise<string> {
    const user = userIdOrEmail.includes('@')
      ? await this.users.findByEmail(normalizeIdentifier(userIdOrEmail))
      : ((await this.users.findById(userIdOrEmail)) ?? { id: userIdOrEmail, roles: [] });
    if (!user)
      throw new Error(
        `AuthTestTokens: no stub user with email ${userIdOrEmail}; add it to stub({ users })`,
      );
    const { accessTtlSeconds } = this.config.token;
    const roles = options.roles ?? user.roles;
    return this.tokens.sign('access', user.id, randomUUID(), accessTtlSeconds, roles);
  }

  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  async authHeaderFor(
    userIdOrEmail: string,
    options: { roles?: string[] } = {},
  ): Promise<{ Authorization: string }> {
    return { Authorization: `Bearer ${await this.accessTokenFor(userIdOrEmail, options)}` };
  }

  /**
   * A real API key of a known user (the user's roles must grant the scopes, as over HTTP), for
   * `.set({ 'X-API-Key': key })`: the request's principal has `method: 'api_key'`.
   */
  async apiKeyFor(userIdOrEmail: string, scopes: string[], name = 'test key'): Promise<string> {
    const user = userIdOrEmail.includes('@')
      ? await this.users.findByEmail(normalizeIdentifier(userIdOrEmail))
      : await this.users.findById(userIdOrEmail);
    if (!user) throw new Error(`AuthTestTokens: no stub user ${userIdOrEmail}`);
    const now = this.clock.now();
    // The key is created as its owner would create it: through a login's access token.
    const owner: AuthPrincipal = {
      userId: user.id,
      method: 'access_token',
      roles: user.roles,
      scopes: null,
      sessionId: randomUUID(),
      tokenId: randomUUID(),
      issuedAtMs: now,
      expiresAt: new Date(now + this.config.token.accessTtlSeconds * 1000),
    };
    return (await this.apiKeys.create(owner, { name, scopes })).key;
  }

  /** The TOTP code of `secret` now (by the module's clock), for a stub user's `totpSecret`. */
  totpCodeFor(secret: string): string {
    return totpCodeAt(secret, totpStep(this.clock.now()));
  }
}
