import { Injectable } from '@nestjs/common';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { requireAccessToken } from '../authenticator/require-access-token';
import { AuthClock } from '../common/auth-clock';
import type { ClientInfo } from '../common/client-info';
import { AuthResourceNotFoundError, TokenBlacklistedError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { TokenRevokedEvent } from '../events/auth-events';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthMetrics } from '../metrics/auth-metrics';
import { AuthConfig } from '../settings/auth-config';
import { TokenBlacklist } from '../token-blacklist/token-blacklist';
import { longestTokenLifetimeMs } from '../tokens/token-lifetime';
import { MAX_SESSION_IP, MAX_SESSION_USER_AGENT } from './session-limits';
import { isSessionId, type SessionRecord, SessionStore } from './session-store';
import { sessionsToEvict } from './sessions-to-evict';

/**
 * The sessions of each user: recorded at login, touched at refresh, listed, ended. Ending one
 * writes the `TokenBlacklist` first (which decides token validity), then the record, so a failure
 * between the two leaves a dead session listed, never a live one hidden.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly store: SessionStore,
    private readonly blacklist: TokenBlacklist,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly metrics: AuthMetrics,
    private readonly events: AuthEventPublisher,
    private readonly log: AuthDecisionLogger,
  ) {}

  /**
   * Records a new session, then ends the user's least recently used live sessions beyond
   * `maxSessionsPerUser` (never this one).
   * @throws AuthStoreUnavailableError (503) when the session store or the blacklist fails
   */
  async start(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
    await this.store.create({
      id: sessionId,
      userId,
      userAgent: client.userAgent?.slice(0, MAX_SESSION_USER_AGENT) ?? null,
      ip: client.ip?.slice(0, MAX_SESSION_IP) ?? null,
      expiresAt: this.recordExpiry(),
    });
    try {
      await this.evictBeyondLimit(userId, sessionId);
    } catch (error) {
      // The login fails without tokens; don't list a session nobody holds.
      await this.store.revoke(sessionId).catch(() => false);
      throw error;
    }
  }

  /**
   * A refresh: the session was used now and lives one refresh lifetime more.
   * @throws TokenBlacklistedError (401) when the store records the session as ended (logout,
   * logout-all, eviction) or knows no such session: the record decides, whatever the blacklist
   * says, so a blacklist that lost its data (Redis without persistence) cannot revive a session
   */
  async touch(sessionId: string, userId: string): Promise<void> {
    if (await this.store.touch(sessionId, this.recordExpiry())) return;
    this.log.decision({ event: 'refresh', outcome: 'refused', reason: 'session_ended', userId });
    throw new TokenBlacklistedError('This session has ended. Log in again to get a new one.');
  }

  /** Ends one session: its access and refresh tokens stop working. */
  async revoke(sessionId: string): Promise<void> {
    await this.blacklist.revoke(sessionId, this.revocationExpiry());
    await this.store.revoke(sessionId);
  }

  /** Marks the record ended, after the caller revoked the session's tokens. */
  async markRevoked(sessionId: string): Promise<void> {
    await this.store.revoke(sessionId);
  }

  /** Marks every record of the user ended, after the caller revoked all its tokens. */
  async markAllRevoked(userId: string): Promise<void> {
    await this.store.revokeAllForUser(userId);
  }

  /**
   * The caller's live sessions, most recently used first.
   * @throws InsufficientPermissionsError (403) for an API key
   */
  list(principal: AuthPrincipal): Promise<SessionRecord[]> {
    requireAccessToken(principal, 'Sessions');
    return this.store.listLive(principal.userId);
  }

  /**
   * Ends one of the caller's sessions (the current one too: that is a logout).
   * @throws AuthResourceNotFoundError (404) for an id that is malformed, unknown, ended or
   * another user's: one answer for all, so ids of other users cannot be probed
   * @throws InsufficientPermissionsError (403) for an API key
   */
  async revokeOwn(principal: AuthPrincipal, sessionId: string): Promise<void> {
    requireAccessToken(principal, 'Sessions');
    const session = isSessionId(sessionId) ? await this.store.findLive(sessionId) : null;
    if (session?.userId !== principal.userId) {
      throw new AuthResourceNotFoundError(
        'No such session: it does not exist, has already ended, or is not yours. ' +
          'List your sessions with GET /auth/sessions.',
      );
    }
    await this.revoke(sessionId);
    this.recordRevocation(principal.userId, sessionId, 'session_revoked');
  }

  private async evictBeyondLimit(userId: string, ownId: string): Promise<void> {
    const max = this.config.maxSessionsPerUser;
    if (max === 0) return;
    const evicted = sessionsToEvict(await this.store.listLive(userId), ownId, max);
    for (const session of evicted) {
      await this.revoke(session.id);
      this.recordRevocation(userId, session.id, 'session_evicted');
    }
  }

  private recordRevocation(
    userId: string,
    sessionId: string,
    cause: 'session_revoked' | 'session_evicted',
  ): void {
    this.metrics.revocations.inc({ cause });
    this.events.publish(new TokenRevokedEvent(userId, cause, sessionId));
    this.log.decision({ event: cause, outcome: 'success', userId });
  }

  /** The record lives as long as a refresh token issued now. */
  private recordExpiry(): Date {
    return new Date(this.clock.now() + this.config.token.refreshTtlSeconds * 1000);
  }

  /** The session id stays blacklisted until every token it may have been issued has expired. */
  private revocationExpiry(): Date {
    return new Date(this.clock.now() + longestTokenLifetimeMs(this.config.token));
  }
}
