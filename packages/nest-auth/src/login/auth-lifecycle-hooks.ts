import type { ClientInfo } from '../common/client-info';
import type { AuthUser } from '../user-store/user-store';
import type { AuthLifecycleHook } from './auth-lifecycle-hook';

/**
 * The hooks of the composed features, run in their `order` (ties in registration order), one
 * after the other: a hook that throws stops the operation before the later hooks run.
 */
export class AuthLifecycleHooks {
  private hooks: AuthLifecycleHook[] = [];

  /** Called by a feature module at boot, from its hook's provider; returns the hook. */
  register<T extends AuthLifecycleHook>(hook: T): T {
    // A stable sort keeps registration order among hooks of the same order.
    this.hooks = [...this.hooks, hook].sort((a, b) => a.order - b.order);
    return hook;
  }

  registered(user: AuthUser): void {
    for (const hook of this.hooks) hook.registered?.(user);
  }

  async beforeSession(user: AuthUser, client: ClientInfo): Promise<void> {
    for (const hook of this.hooks) await hook.beforeSession?.(user, client);
  }

  async sessionStarting(userId: string, sessionId: string, client: ClientInfo): Promise<void> {
    for (const hook of this.hooks) await hook.sessionStarting?.(userId, sessionId, client);
  }

  async refreshing(sessionId: string, userId: string): Promise<void> {
    for (const hook of this.hooks) await hook.refreshing?.(sessionId, userId);
  }

  async sessionEnded(sessionId: string): Promise<void> {
    for (const hook of this.hooks) await hook.sessionEnded?.(sessionId);
  }

  async allSessionsEnded(userId: string): Promise<void> {
    for (const hook of this.hooks) await hook.allSessionsEnded?.(userId);
  }
}
