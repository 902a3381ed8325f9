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
import { type ExternalIdentityView, OidcIdentitiesService } from './oidc-identities.service';

/** The caller's linked external identities. */
@Controller('auth/identities')
@UseGuards(NoCredentialsInUrlGuard, JwtAuthGuard)
export class IdentitiesController {
  constructor(private readonly identities: OidcIdentitiesService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list(
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<{ identities: ExternalIdentityView[] }> {
    return { identities: await this.identities.list(principal.userId) };
  }

  /** Refused (409) when it is the account's last way to sign in. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  unlink(@CurrentUser() principal: AuthPrincipal, @Param('id') id: string): Promise<void> {
    return this.identities.unlink(principal.userId, id);
  }
}
