import { AUTH_EVENTS, AuthEvent } from '../events/auth-events';
import type { OidcRefusal } from './oidc.errors';

/** `auth.oidc.login-succeeded`: a provider sign-in resolved to an account (MFA may follow). */
export class ExternalLoginSucceededEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.externalLoginSucceeded;
  constructor(
    readonly userId: string,
    readonly providerId: string,
    /** True when this sign-in created the account. */
    readonly created: boolean,
  ) {
    super();
  }
}

/** `auth.oidc.login-failed`: a provider sign-in or link was refused. */
export class ExternalLoginFailedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.externalLoginFailed;
  constructor(
    readonly providerId: string,
    readonly reason: OidcRefusal,
    readonly userId: string | null = null,
  ) {
    super();
  }
}

/** `auth.oidc.identity-linked`: an external identity now signs in to the account. */
export class ExternalIdentityLinkedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.externalIdentityLinked;
  constructor(
    readonly userId: string,
    readonly providerId: string,
    readonly identityId: string,
  ) {
    super();
  }
}

/** `auth.oidc.identity-unlinked`: the user removed an external identity. */
export class ExternalIdentityUnlinkedEvent extends AuthEvent {
  readonly name = AUTH_EVENTS.externalIdentityUnlinked;
  constructor(
    readonly userId: string,
    readonly providerId: string,
    readonly identityId: string,
  ) {
    super();
  }
}
