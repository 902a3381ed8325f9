import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuthResourceNotFoundError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { UserStore } from '../user-store/user-store';
import { ExternalIdentityUnlinkedEvent } from './oidc-events';
import type { externalIdentityViewSchema } from './oidc-response.schemas';
import { LastSignInMethodError } from './oidc.errors';
import { type ExternalIdentity, ExternalIdentityStore } from './stores/external-identity-store';
import { hasUsablePassword } from './unusable-password';

/** What `GET /auth/identities` shows of a linked identity. */
export type ExternalIdentityView = z.infer<typeof externalIdentityViewSchema>;

const toView = (i: ExternalIdentity): ExternalIdentityView => ({
  id: i.id,
  provider: i.providerId,
  subject: i.subject,
  email: i.email,
  createdAt: i.createdAt.toISOString(),
});

/** The caller's linked identities: list and unlink. */
@Injectable()
export class OidcIdentitiesService {
  constructor(
    private readonly identities: ExternalIdentityStore,
    private readonly users: UserStore,
    private readonly events: AuthEventPublisher,
    private readonly log: AuthDecisionLogger,
  ) {}

  async list(userId: string): Promise<ExternalIdentityView[]> {
    return (await this.identities.listByUser(userId)).map(toView);
  }

  /**
   * @throws AuthResourceNotFoundError (404) when it is not the caller's
   * @throws LastSignInMethodError (409) when the account has no password and no other identity
   */
  async unlink(userId: string, id: string): Promise<void> {
    const mine = await this.identities.listByUser(userId);
    const target = mine.find((i) => i.id === id);
    if (!target) throw new AuthResourceNotFoundError('No linked identity with this id.');
    const user = await this.users.findById(userId);
    if (mine.length === 1 && (!user || !hasUsablePassword(user.passwordHash)))
      throw new LastSignInMethodError();
    if (!(await this.identities.remove(userId, id)))
      throw new AuthResourceNotFoundError('No linked identity with this id.');
    this.events.publish(new ExternalIdentityUnlinkedEvent(userId, target.providerId, id));
    this.log.decision({ event: 'oidc_unlink', outcome: 'success', userId });
  }
}
