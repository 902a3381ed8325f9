import type { ClientInfo } from '../common/client-info';
import type { AuthUser } from '../user-store/user-store';

/**
 * What a feature does at the moments of a login's life, so `AuthService` knows no feature: each
 * feature module registers one hook in `AuthLifecycleHooks` at boot. Every method is optional;
 * a throwing `async` one stops the operation with its error (a store that fails answers 503).
 */
export interface AuthLifecycleHook {
  /** Where the hook runs among the others, lowest first (see `HOOK_ORDER`). */
  readonly order: number;
  /** A user registered. Must not throw and must not wait: background work only. */
  registered?(user: AuthUser): void;
  /**
   * The credentials of a login were right and no session exists yet: refuse the account, or turn
   * the login into a challenge, by throwing (email verification, MFA).
   */
  beforeSession?(user: AuthUser, client: ClientInfo): Promise<void>;
  /** A session is starting; before any token is minted, so a failure leaves no tokens. */
  sessionStarting?(userId: string, sessionId: string, client: ClientInfo): Promise<void>;
  /** A refresh token of the session is presented, before it is spent: refuse by throwing. */
  refreshing?(sessionId: string, userId: string): Promise<void>;
  /** One session ended (logout, reuse detected); its tokens are already revoked. */
  sessionEnded?(sessionId: string): Promise<void>;
  /** Every session of the user ended (logout-all, password change or reset, admin); ditto. */
  allSessionsEnded?(userId: string): Promise<void>;
}

/** The order of the module's own hooks; a host's hook picks a number between them. */
export const HOOK_ORDER = {
  /** Refuses an unverified account when `require_verified_email` is on. */
  verifiedEmail: 100,
  /** Turns a login of a user with TOTP enabled into an MFA challenge. */
  mfa: 200,
  /** Records, touches and ends the session records. */
  sessions: 300,
} as const;
