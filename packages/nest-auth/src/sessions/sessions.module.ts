import { type DynamicModule, Module } from '@nestjs/common';
import { SessionStore } from './session-store';
import { SessionsController } from './sessions.controller';
import { SessionsHook } from './sessions.hook';
import { SESSIONS_PROVIDERS } from './sessions.providers';
import { SessionsService } from './sessions.service';
import { hookProvider } from '../login/hook-provider';

/**
 * The session records of the refresh-token families and `/auth/sessions`. `AuthModule` always
 * composes it: logins record their session here through the `SessionsHook`.
 */
@Module({})
export class SessionsModule {
  /** @param core the module's shared services: what `AuthModule` composes it with */
  static register(core: DynamicModule): DynamicModule {
    return {
      module: SessionsModule,
      imports: [core],
      controllers: [SessionsController],
      providers: [...SESSIONS_PROVIDERS, hookProvider(SessionsHook, SessionsService)],
      exports: [SessionStore, SessionsService],
    };
  }
}
