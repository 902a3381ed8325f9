import type { ClientInfo } from '../common/client-info';
import { type AuthLifecycleHook, HOOK_ORDER } from '../login/auth-lifecycle-hook';
import type { SessionsService } from './sessions.service';

/** The session records at a login's moments: recorded, touched at refresh, ended. */
export class SessionsHook implements AuthLifecycleHook {
  readonly order = HOOK_ORDER.sessions;

  constructor(private readonly sessions: SessionsService) {}

  /** @throws AuthStoreUnavailableError (503) when the session store or the blacklist fails */
  sessionStarting(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
    return this.sessions.start(userId, sessionId, client);
  }

  /** @throws TokenBlacklistedError (401) when the record says the session has ended */
  refreshing(sessionId: string, userId: string): Promise<void> {
    return this.sessions.touch(sessionId, userId);
  }

  sessionEnded(sessionId: string): Promise<void> {
    return this.sessions.markRevoked(sessionId);
  }

  allSessionsEnded(userId: string): Promise<void> {
    return this.sessions.markAllRevoked(userId);
  }
}
