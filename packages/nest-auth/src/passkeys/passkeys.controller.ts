import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { type ClientRequest, clientInfoOf } from '../common/client-info';
import { CurrentUser } from '../decorators/current-user.decorator';
import { Public } from '../decorators/public.decorator';
import { ZodBodyPipe } from '../dto/zod-body.pipe';
import { JwtAuthGuard } from '../guards/jwt-auth.guard';
import { LoginThrottlerGuard } from '../guards/login-throttler.guard';
import { NoCredentialsInUrlGuard } from '../guards/no-credentials-in-url.guard';
import type { TokenPair } from '../tokens/token-claims';
import {
  type PasskeyRequestOptions,
  PasskeyAuthenticationService,
} from './passkey-authentication.service';
import { PasskeyManagementService } from './passkey-management.service';
import { PasskeyRegistrationService } from './passkey-registration.service';
import {
  type AuthenticationOptionsRequest,
  authenticationOptionsSchema,
  type AuthenticationVerifyRequest,
  authenticationVerifySchema,
  type RegistrationVerifyRequest,
  registrationVerifySchema,
  type RenamePasskeyRequest,
  renamePasskeySchema,
} from './passkey.schemas';
import type { PasskeyView } from './passkey-view';
import { PasskeysEnabledGuard } from './passkeys-enabled.guard';

/**
 * Passkey ceremonies and management. With `passkeys.enabled` off every route answers 404 from
 * the feature guard, before throttling or body validation.
 */
@Controller('passkeys')
@UseGuards(PasskeysEnabledGuard, NoCredentialsInUrlGuard)
export class PasskeysController {
  constructor(
    private readonly registration: PasskeyRegistrationService,
    private readonly authentication: PasskeyAuthenticationService,
    private readonly passkeys: PasskeyManagementService,
  ) {}

  @Post('registration/options')
  @HttpCode(HttpStatus.OK)
  @UseGuards(JwtAuthGuard)
  @Header('Cache-Control', 'no-store')
  registrationOptions(
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return this.registration.options(principal);
  }

  @Post('registration/verify')
  @UseGuards(JwtAuthGuard)
  @Header('Cache-Control', 'no-store')
  registrationVerify(
    @CurrentUser() principal: AuthPrincipal,
    @Body(new ZodBodyPipe(registrationVerifySchema)) body: RegistrationVerifyRequest,
  ): Promise<PasskeyView> {
    return this.registration.verify(principal, body);
  }

  /** Throttled like the login it starts, before the body is even validated. */
  @Public()
  @Post('authentication/options')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LoginThrottlerGuard)
  authenticationOptions(
    @Body(new ZodBodyPipe(authenticationOptionsSchema)) body: AuthenticationOptionsRequest,
    @Req() request: ClientRequest,
  ): Promise<PasskeyRequestOptions> {
    return this.authentication.options(body, clientInfoOf(request));
  }

  @Public()
  @Post('authentication/verify')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LoginThrottlerGuard)
  authenticationVerify(
    @Body(new ZodBodyPipe(authenticationVerifySchema)) body: AuthenticationVerifyRequest,
    @Req() request: ClientRequest,
  ): Promise<TokenPair> {
    return this.authentication.verify(body, clientInfoOf(request));
  }

  @Get()
  @UseGuards(JwtAuthGuard)
  @Header('Cache-Control', 'no-store')
  async list(@CurrentUser() principal: AuthPrincipal): Promise<{ passkeys: PasskeyView[] }> {
    return { passkeys: await this.passkeys.list(principal) };
  }

  @Patch(':id')
  @UseGuards(JwtAuthGuard)
  rename(
    @CurrentUser() principal: AuthPrincipal,
    @Param('id') id: string,
    @Body(new ZodBodyPipe(renamePasskeySchema)) body: RenamePasskeyRequest,
  ): Promise<PasskeyView> {
    return this.passkeys.rename(principal, id, body.name);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(JwtAuthGuard)
  delete(@CurrentUser() principal: AuthPrincipal, @Param('id') id: string): Promise<void> {
    return this.passkeys.delete(principal, id);
  }
}
