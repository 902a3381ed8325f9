import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { requireAccessToken } from '../authenticator/require-access-token';
import { AuthResourceNotFoundError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { PasskeyDeletedEvent, PasskeyRenamedEvent } from './passkey.events';
import { PasskeyStore } from './passkey-store';
import { type PasskeyView, toPasskeyView } from './passkey-view';
import { PasskeysFeature } from './passkeys-feature';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_YOURS = 'No passkey with this id belongs to you.';

/** Lists, renames and deletes the signed-in user's passkeys. */
@Injectable()
export class PasskeyManagementService {
  constructor(
    private readonly feature: PasskeysFeature,
    private readonly store: PasskeyStore,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher,
  ) {}

  /** The caller's passkeys, oldest first, without their keys or counters. */
  async list(principal: AuthPrincipal): Promise<PasskeyView[]> {
    this.requireUser(principal);
    return (await this.store.listByUser(principal.userId)).map(toPasskeyView);
  }

  /** @throws AuthResourceNotFoundError (404) for an unknown or someone else's passkey */
  async rename(principal: AuthPrincipal, id: string, name: string): Promise<PasskeyView> {
    this.requireUser(principal);
    const renamed = UUID.test(id) ? await this.store.rename(principal.userId, id, name) : null;
    if (!renamed) throw new AuthResourceNotFoundError(NOT_YOURS);
    this.events.publish(new PasskeyRenamedEvent(principal.userId, id));
    return toPasskeyView(renamed);
  }

  /**
   * Deletes the passkey: it signs nobody in from now on. Sessions it started stay; end them
   * with `DELETE /auth/sessions/:id` or `POST /auth/logout-all`.
   * @throws AuthResourceNotFoundError (404) for an unknown or someone else's passkey
   */
  async delete(principal: AuthPrincipal, id: string): Promise<void> {
    this.requireUser(principal);
    const deleted = UUID.test(id) && (await this.store.delete(principal.userId, id));
    if (!deleted) throw new AuthResourceNotFoundError(NOT_YOURS);
    this.log.decision({ event: 'passkey_delete', outcome: 'success', userId: principal.userId });
    this.events.publish(new PasskeyDeletedEvent(principal.userId, id));
  }

  private requireUser(principal: AuthPrincipal): void {
    this.feature.require();
    requireAccessToken(principal, 'Passkeys');
  }
}
