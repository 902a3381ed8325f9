import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { AuthClock } from '../common/auth-clock';
import type { ClientInfo } from '../common/client-info';
import { normalizeIdentifier } from '../common/normalize-identifier';
import { Result } from '../common/result';
import { AuthConfig } from '../settings/auth-config';
import { CredentialsVerifier } from '../credentials/credentials-verifier';
import {
  AuthError,
  InvalidTokenError,
  TokenBlacklistedError,
  UserAlreadyExistsError,
} from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import {
  PasswordChangedEvent,
  TokenRefreshedEvent,
  TokenReuseDetectedEvent,
  TokenRevokedEvent,
  UserRegisteredEvent,
} from '../events/auth-events';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthMetrics } from '../metrics/auth-metrics';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordPolicy } from '../passwords/password-policy';
import { TokenBlacklist } from '../token-blacklist/token-blacklist';
import type { TokenPair } from '../tokens/token-claims';
import { longestTokenLifetimeMs } from '../tokens/token-lifetime';
import { TokenService } from '../tokens/token.service';
import { type AuthUser, UserStore } from '../user-store/user-store';
import { AuthLifecycleHooks } from './auth-lifecycle-hooks';

const NO_CLIENT: ClientInfo = { userAgent: null, ip: null };

/**
 * Register, log in, rotate refresh tokens, log out, change passwords. What the features add
 * (email verification, MFA, session records) runs through `AuthLifecycleHooks`.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly users: UserStore,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly credentials: CredentialsVerifier,
    private readonly tokens: TokenService,
    private readonly blacklist: TokenBlacklist,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly metrics: AuthMetrics,
    private readonly log: AuthDecisionLogger,
    private readonly events: AuthEventPublisher,
    private readonly hooks: AuthLifecycleHooks,
  ) {}

  onModuleInit(): void {
    this.credentials.warmUp();
  }

  /**
   * Then runs the `registered` hooks (the email-verification link, when `email_verification.enabled`).
   * @throws PasswordPolicyError (422), UserAlreadyExistsError (409)
   */
  async register(email: string, password: string): Promise<AuthUser> {
    const normalized = normalizeIdentifier(email);
    this.policy.validate(password, { email: normalized });
    // Cheap early answer; the store's unique constraint still decides a concurrent race.
    if (await this.users.findByEmail(normalized)) throw new UserAlreadyExistsError();
    const user = await this.users.create({
      email: normalized,
      passwordHash: await this.hasher.hash(password),
      roles: [...this.config.defaultRoles],
    });
    this.metrics.registrations.inc();
    this.events.publish(new UserRegisteredEvent(user.id, user.email));
    this.log.decision({
      event: 'register',
      outcome: 'success',
      identifier: normalized,
      userId: user.id,
    });
    // In the background: a mail failure is logged and never fails the registration.
    this.hooks.registered(user);
    return user;
  }

  /**
   * Checks the credentials and starts a session.
   * @throws InvalidCredentialsError (401), AccountLockedError (423)
   */
  async login(email: string, password: string, client: ClientInfo = NO_CLIENT): Promise<TokenPair> {
    return this.completeLogin(await this.credentials.verify(email, password), client);
  }

  /**
   * The steps after the password was found right: the account's own conditions, then a session.
   * @throws EmailNotVerifiedError (403) when `requireVerifiedEmail` is on and it is not verified
   * @throws MfaRequiredError (401, with `mfaChallenge`) when the user has TOTP enabled
   */
  async completeLogin(user: AuthUser, client: ClientInfo): Promise<TokenPair> {
    await this.hooks.beforeSession(user, client);
    return this.startSession(user, client);
  }

  /**
   * Starts a session (a refresh-token family) for a user whose credentials were checked: records
   * it, ends the least recently used ones beyond `maxSessionsPerUser`, then mints the pair.
   * @throws AuthStoreUnavailableError (503) before any token is minted when a store fails
   */
  async startSession(user: AuthUser, client: ClientInfo = NO_CLIENT): Promise<TokenPair> {
    const sessionId = randomUUID();
    await this.hooks.sessionStarting(user.id, sessionId, client);
    return this.tokens.issuePair(user.id, sessionId, user.roles);
  }

  /**
   * Spends `refreshToken` and returns a new pair for the same session. Presenting a spent token
   * again revokes the whole session (reuse detection). Never throws for a bad token.
   */
  async refreshToken(refreshToken: string): Promise<Result<TokenPair, AuthError>> {
    try {
      const pair = await this.rotate(refreshToken);
      this.metrics.refreshes.inc({ outcome: 'success' });
      return Result.ok(pair);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      this.metrics.refreshes.inc({
        outcome: error instanceof TokenBlacklistedError ? 'revoked' : 'rejected',
      });
      return Result.err(error);
    }
  }

  private async rotate(refreshToken: string): Promise<TokenPair> {
    const claims = await this.tokens.verify(refreshToken, 'refresh');
    const query = { ids: [claims.sid], userId: claims.sub, issuedAtMs: claims.iat_ms };
    // Exact, not from a replica: a pair minted in the replication lag would outlive a logout-all.
    if (await this.blacklist.isRevokedNow(query)) throw new TokenBlacklistedError();
    // Before the token is spent: a store failure here answers 503 and the client may retry with
    // the same token, instead of tripping reuse detection. An ended session is refused here even
    // when the blacklist forgot its revocation.
    await this.hooks.refreshing(claims.sid, claims.sub);
    const spentNow = await this.blacklist.revoke(claims.jti, new Date(claims.exp * 1000));
    if (!spentNow) {
      await this.endSession(claims.sid);
      this.metrics.refreshes.inc({ outcome: 'reuse' });
      this.events.publish(new TokenReuseDetectedEvent(claims.sub, claims.sid));
      this.events.publish(new TokenRevokedEvent(claims.sub, 'reuse_detected', claims.sid));
      this.log.decision({
        event: 'refresh',
        outcome: 'refused',
        reason: 'reuse_detected',
        userId: claims.sub,
      });
      throw new TokenBlacklistedError(
        'This refresh token was already used, so its session has been revoked as a precaution. Log in again.',
      );
    }
    const user = await this.users.findById(claims.sub);
    if (!user) throw new InvalidTokenError('The account no longer exists.', 'no_user');
    // Roles are read again on every refresh, so a role change shows in the next access token.
    const pair = await this.tokens.issuePair(user.id, claims.sid, user.roles);
    this.events.publish(new TokenRefreshedEvent(claims.sub, claims.sid));
    return pair;
  }

  /**
   * Ends the caller's session: its access and refresh tokens stop working. A refresh token of
   * another session of the same user, when given, is revoked too.
   */
  async logout(principal: AuthPrincipal, refreshToken?: string): Promise<void> {
    await this.endSession(principal.sessionId);
    this.events.publish(new TokenRevokedEvent(principal.userId, 'logout', principal.sessionId));
    if (refreshToken) {
      const other = await this.tryVerifyRefresh(refreshToken);
      if (other?.sub === principal.userId && other.sid !== principal.sessionId) {
        await this.endSession(other.sid);
        this.events.publish(new TokenRevokedEvent(principal.userId, 'logout', other.sid));
      }
    }
    this.metrics.revocations.inc({ cause: 'logout' });
    this.log.decision({ event: 'logout', outcome: 'success', userId: principal.userId });
  }

  /** Revokes every token of the user issued up to now: log out everywhere. */
  async logoutAll(userId: string): Promise<void> {
    await this.endAllSessions(userId);
    this.metrics.revocations.inc({ cause: 'logout_all' });
    this.events.publish(new TokenRevokedEvent(userId, 'logout_all', null));
    this.log.decision({ event: 'logout_all', outcome: 'success', userId });
  }

  /**
   * Checks the current password (failures count toward lockout), applies the policy to the new
   * one, stores it and revokes every earlier token of the user.
   * @throws PasswordPolicyError (422), InvalidCredentialsError (401), AccountLockedError (423)
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.getUser(userId);
    this.policy.validate(newPassword, { email: user.email });
    await this.credentials.verify(user.email, currentPassword, 'change_password');
    await this.users.updatePasswordHash(user.id, await this.hasher.hash(newPassword));
    await this.endAllSessions(user.id);
    this.metrics.revocations.inc({ cause: 'password_change' });
    this.events.publish(new PasswordChangedEvent(user.id));
    this.events.publish(new TokenRevokedEvent(user.id, 'password_change', null));
    this.log.decision({ event: 'change_password', outcome: 'success', userId });
  }

  /** @throws InvalidTokenError when the token's user no longer exists */
  async getUser(userId: string): Promise<AuthUser> {
    const user = await this.users.findById(userId);
    if (!user) throw new InvalidTokenError('The account no longer exists.', 'no_user');
    return user;
  }

  /**
   * Ends one session: the blacklist first (it decides whether a token is valid), then the hooks
   * (the session record), so a failure between the two leaves a dead session listed, never a
   * live one hidden.
   */
  private async endSession(sessionId: string): Promise<void> {
    const until = new Date(this.clock.now() + longestTokenLifetimeMs(this.config.token));
    await this.blacklist.revoke(sessionId, until);
    await this.hooks.sessionEnded(sessionId);
  }

  private async tryVerifyRefresh(token: string): Promise<{ sub: string; sid: string } | null> {
    try {
      return await this.tokens.verify(token, 'refresh');
    } catch {
      return null;
    }
  }

  /**
   * Revokes every token of the user issued up to now (logout-all, password change and reset,
   * an admin's revoke).
   */
  async endAllSessions(userId: string): Promise<void> {
    const now = this.clock.now();
    const until = new Date(now + longestTokenLifetimeMs(this.config.token));
    await this.blacklist.revokeAllForUser(userId, now, until);
    await this.hooks.allSessionsEnded(userId);
    // Tokens issued at the revocation instant count as revoked; step past it before answering,
    // so a login that follows this response always mints tokens that are newer.
    if (this.clock.now() <= now) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
