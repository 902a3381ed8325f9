import { AuthError, InvalidTokenError } from '../errors/auth.errors';
import { storeOutages } from '../errors/store-outages';
import { type AuthUser, UserStore } from '../user-store/user-store';

/**
 * Reads a key's owner from the `UserStore` on every use, so a role taken away or an account
 * deleted takes effect on the next request. A host store that fails with a plain error answers
 * 503, never 500.
 */
export class ApiKeyOwners {
  constructor(private readonly users: UserStore) {}

  /** The user, or null when the account no longer exists. */
  async find(userId: string): Promise<AuthUser | null> {
    try {
      return await this.users.findById(userId);
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw storeOutages.failed('user store', error);
    }
  }

  /** @throws InvalidTokenError (401) when the account no longer exists */
  async require(userId: string): Promise<AuthUser> {
    const user = await this.find(userId);
    if (!user) throw new InvalidTokenError('The account no longer exists.', 'no_user');
    return user;
  }
}
