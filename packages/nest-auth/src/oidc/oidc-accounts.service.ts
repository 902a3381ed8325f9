import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthClock } from '../common/auth-clock';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { UserAlreadyExistsError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { UserRegisteredEvent } from '../events/auth-events';
import { AuthConfig } from '../settings/auth-config';
import type { OidcProviderSettings } from '../settings/oidc-settings';
import { type AuthUser, UserStore } from '../user-store/user-store';
import type { ExternalProfile } from './external-profile';
import { ExternalIdentityLinkedEvent } from './oidc-events';
import { OidcLoginRefusedError } from './oidc.errors';
import { ExternalIdentityStore } from './stores/external-identity-store';
import { unusablePasswordHash } from './unusable-password';

/** The account a provider sign-in resolves to, and whether the sign-in created it. */
export interface ResolvedAccount {
  user: AuthUser;
  created: boolean;
}

/**
 * Maps an external identity to an account, by the account policy: an existing link first; a
 * signed-in user's link; an email match only when the provider verified the email and
 * `oidc.link_by_verified_email` allows it; a new account as `account_creation` allows.
 */
@Injectable()
export class OidcAccountsService {
  constructor(
    private readonly users: UserStore,
    private readonly identities: ExternalIdentityStore,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly events: AuthEventPublisher,
  ) {}

  /** @throws OidcLoginRefusedError */
  async resolve(
    provider: OidcProviderSettings,
    profile: ExternalProfile,
    linkUserId: string | null,
  ): Promise<ResolvedAccount> {
    const linked = await this.identities.findBySubject(profile.issuer, profile.subject);
    if (linked) {
      if (linkUserId && linked.userId !== linkUserId)
        throw new OidcLoginRefusedError('identity_linked_elsewhere');
      return { user: await this.existing(linked.userId), created: false };
    }
    if (linkUserId) return this.linkTo(await this.existing(linkUserId), provider, profile, false);
    const email = profile.email ? normalizeIdentifier(profile.email) : null;
    const owner = email ? await this.users.findByEmail(email) : null;
    if (owner) {
      // An unverified email never joins an account: it would hand the account to whoever typed it.
      if (!profile.emailVerified || !this.config.oidc.linkByVerifiedEmail)
        throw new OidcLoginRefusedError('account_conflict');
      return this.linkTo(owner, provider, profile, false);
    }
    return this.create(provider, profile, email);
  }

  private async create(
    provider: OidcProviderSettings,
    profile: ExternalProfile,
    email: string | null,
  ): Promise<ResolvedAccount> {
    const policy = provider.accountCreation ?? this.config.oidc.accountCreation;
    const allowed =
      policy === 'allowed' || (policy === 'verified_email_only' && profile.emailVerified);
    if (!allowed || !email) throw new OidcLoginRefusedError('account_creation_refused');
    let user: AuthUser;
    try {
      user = await this.users.create({
        email,
        passwordHash: unusablePasswordHash(),
        roles: [...this.config.defaultRoles],
      });
    } catch (error) {
      // Another sign-in (or a registration) took the email a moment ago.
      if (error instanceof UserAlreadyExistsError)
        throw new OidcLoginRefusedError('account_conflict');
      throw error;
    }
    if (profile.emailVerified)
      await this.users.markEmailVerified(user.id, new Date(this.clock.now()));
    this.events.publish(new UserRegisteredEvent(user.id, user.email));
    const verified = (await this.users.findById(user.id)) ?? user;
    return this.linkTo(verified, provider, profile, true);
  }

  private async linkTo(
    user: AuthUser,
    provider: OidcProviderSettings,
    profile: ExternalProfile,
    created: boolean,
  ): Promise<ResolvedAccount> {
    const outcome = await this.identities.link({
      id: randomUUID(),
      userId: user.id,
      providerId: provider.id,
      issuer: profile.issuer,
      subject: profile.subject,
      email: profile.email,
      createdAt: new Date(this.clock.now()),
    });
    if (!outcome.linked) {
      // A concurrent sign-in linked the identity first; it maps to that account or to none.
      if (outcome.existing.userId !== user.id)
        throw new OidcLoginRefusedError('identity_linked_elsewhere');
      return { user, created };
    }
    this.events.publish(new ExternalIdentityLinkedEvent(user.id, provider.id, outcome.identity.id));
    return { user, created };
  }

  private async existing(userId: string): Promise<AuthUser> {
    const user = await this.users.findById(userId);
    if (!user) throw new OidcLoginRefusedError('account_creation_refused');
    return user;
  }
}
