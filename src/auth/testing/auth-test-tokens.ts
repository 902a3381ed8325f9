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

  /** An access token for a user id, or for the email of a known stub user. */
  async accessTokenFor(userIdOrEmail: string): Promise<string> {
    const user = userIdOrEmail.includes('@')
      ? await this.users.findByEmail(normalizeIdentifier(userIdOrEmail))
      : { id: userIdOrEmail };
    if (!user)
      throw new Error(
        `AuthTestTokens: no stub user with email ${userIdOrEmail}; add it to stub({ users })`,
      );
    return this.tokens.sign('access', user.id, randomUUID(), this.config.token.accessTtlSeconds);
  }

  /** `{ Authorization: 'Bearer …' }` for supertest's `.set()`. */
  async authHeaderFor(userIdOrEmail: string): Promise<{ Authorization: string }> {
    return { Authorization: `Bearer ${await this.accessTokenFor(userIdOrEmail)}` };
  }
}
