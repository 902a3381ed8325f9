import {
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  UseGuards,
} from '@nestjs/common';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { CurrentUser } from '../decorators/current-user.decorator';
import { JwtAuthGuard } from '../guards/jwt-auth.guard';
import { NoCredentialsInUrlGuard } from '../guards/no-credentials-in-url.guard';
import { type SessionListView, toSessionView } from './session-view';
import { SessionsService } from './sessions.service';

/** The caller's own sessions: list them, end one (another device, or this one). */
@Controller('sessions')
@UseGuards(NoCredentialsInUrlGuard, JwtAuthGuard)
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list(@CurrentUser() principal: AuthPrincipal): Promise<SessionListView> {
    const sessions = await this.sessions.list(principal);
    return { sessions: sessions.map((session) => toSessionView(session, principal.sessionId)) };
  }

  /** Ends the session and its tokens; ending the current one is a logout. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revoke(@CurrentUser() principal: AuthPrincipal, @Param('id') id: string): Promise<void> {
    await this.sessions.revokeOwn(principal, id);
  }
}
