import { randomUUID } from 'node:crypto';
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
}
