import { Injectable } from '@nestjs/common';
import { AuthService } from '../login/auth.service';
import { AuthClock } from '../common/auth-clock';
import type { ClientInfo } from '../common/client-info';
import { AccountLockedError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { LoginAttemptTracker } from '../login-attempt-tracker/login-attempt-tracker';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthConfig } from '../settings/auth-config';
import type { TokenPair } from '../tokens/token-claims';
import { UserStore } from '../user-store/user-store';
import { OidcAccountsService } from './oidc-accounts.service';
import { ExternalLoginFailedEvent, ExternalLoginSucceededEvent } from './oidc-events';
import { OidcFlowService } from './oidc-flow.service';
import { OidcLoginRefusedError } from './oidc.errors';
import { withParameter } from './return-to';
import { OidcLoginStateStore } from './stores/oidc-login-state-store';

/**
 * A provider sign-in end to end: the callback resolves the account and hands the browser a
 * one-time login code (never tokens in a URL); the front end exchanges it for the token pair
 * through `AuthService.completeLogin`, so email verification, MFA and sessions apply as after a
 * password login.
 */
@Injectable()
export class OidcLoginService {
  constructor(
    private readonly flow: OidcFlowService,
    private readonly accounts: OidcAccountsService,
    private readonly states: OidcLoginStateStore,
    private readonly auth: AuthService,
    private readonly users: UserStore,
    private readonly tracker: LoginAttemptTracker,
    private readonly config: AuthConfig,
    private readonly events: AuthEventPublisher,
    private readonly log: AuthDecisionLogger,
    private readonly clock: AuthClock,
  ) {}

  /**
   * @returns where to send the browser: the return page with `login_code` (sign-in),
   * `oidc_linked` (link) or `oidc_error` (refused)
   */
  async callback(
    providerId: string,
    query: URLSearchParams,
    cookieState: string | null,
  ): Promise<string> {
    let returnTo = this.config.oidc.postLoginUrl;
    try {
      const { provider, profile, record } = await this.flow.finish(providerId, query, cookieState);
      returnTo = record.data.returnTo ?? returnTo;
      const { user, created } = await this.accounts.resolve(provider, profile, record.userId);
      if (record.userId) {
        this.log.decision({ event: 'oidc_link', outcome: 'success', userId: user.id });
        return withParameter(returnTo, 'oidc_linked', provider.id);
      }
      const code = await this.states.issue(
        { kind: 'login_code', providerId, userId: user.id, data: {} },
        this.config.oidc.loginCodeTtlSeconds,
      );
      this.events.publish(new ExternalLoginSucceededEvent(user.id, provider.id, created));
      this.log.decision({ event: 'oidc_login', outcome: 'success', userId: user.id });
      return withParameter(returnTo, 'login_code', code);
    } catch (error) {
      if (!(error instanceof OidcLoginRefusedError)) throw error;
      this.refused(providerId, error);
      return withParameter(returnTo, 'oidc_error', error.reason);
    }
  }

  /**
   * Spends a login code for the token pair.
   * @throws OidcLoginRefusedError (400) for a bad code, AccountLockedError (423),
   * EmailNotVerifiedError (403), MfaRequiredError (401 with `mfaChallenge`)
   */
  async exchange(code: string, client: ClientInfo): Promise<TokenPair> {
    const record = await this.states.consume(code, 'login_code');
    const user = record?.userId ? await this.users.findById(record.userId) : null;
    if (!record || !user) {
      this.log.decision({ event: 'oidc_token', outcome: 'refused', reason: 'invalid_login_code' });
      throw new OidcLoginRefusedError('invalid_login_code');
    }
    // A lock stops every way into the account, not only the password.
    const { lockedUntil } = await this.tracker.status(user.email);
    if (lockedUntil) {
      this.log.decision({
        event: 'oidc_token',
        outcome: 'refused',
        reason: 'locked',
        userId: user.id,
      });
      throw new AccountLockedError(
        Math.max(1, Math.ceil((lockedUntil.getTime() - this.clock.now()) / 1000)),
      );
    }
    return this.auth.completeLogin(user, client);
  }

  private refused(providerId: string, error: OidcLoginRefusedError): void {
    this.events.publish(new ExternalLoginFailedEvent(providerId, error.reason));
    this.log.decision({ event: 'oidc_login', outcome: 'refused', reason: error.reason });
    if (error.cause !== undefined && error.reason === 'invalid_response') {
      const detail = error.cause instanceof Error ? error.cause.message : 'unknown';
      // The library's reason (e.g. "unexpected JWT nonce"), never a token or code.
      this.log.warn('oidc sign-in refused: the provider response failed validation', {
        provider: providerId,
        detail: detail.slice(0, 200),
      });
    }
  }
}
