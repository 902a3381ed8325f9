import type { Provider } from '@nestjs/common';
import { AUTH_MODULE_OPTIONS } from '../module/auth-module-options.token';
import { AuthClock } from '../common/auth-clock';
import { AuthConfig } from '../settings/auth-config';
import { createSessionStore, type SessionStoreOptions } from './create-session-store';
import { SessionStore } from './session-store';
import { SessionsService } from './sessions.service';

/** The session store (chosen by `store`, or the host's `sessionStore`) and its service. */
export const SESSIONS_PROVIDERS: Provider[] = [
  {
    provide: SessionStore,
    inject: [AUTH_MODULE_OPTIONS, AuthConfig, AuthClock],
    useFactory: (o: SessionStoreOptions, c: AuthConfig, clock: AuthClock) =>
      createSessionStore(o, c, () => clock.now()),
  },
  SessionsService,
];
