import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { z } from 'zod';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { type ClientRequest, clientInfoOf } from '../common/client-info';
import { CurrentUser } from '../decorators/current-user.decorator';
import { Public } from '../decorators/public.decorator';
import { ZodBodyPipe } from '../dto/zod-body.pipe';
import { JwtAuthGuard } from '../guards/jwt-auth.guard';
import { LoginThrottlerGuard } from '../guards/login-throttler.guard';
import { NoCredentialsInUrlGuard } from '../guards/no-credentials-in-url.guard';
import type { TokenPair } from '../tokens/token-claims';
import { RecoveryFeature, RecoveryFeatureGuard } from '../account-recovery/recovery-feature.guard';
import { MfaLoginService } from './mfa-login.service';
import {
  type MfaCodeRequest,
  mfaCodeSchema,
  type MfaConfirmRequest,
  mfaConfirmSchema,
  type MfaDisableRequest,
  mfaDisableSchema,
  type MfaVerifyRequest,
  mfaVerifySchema,
} from './mfa.schemas';
import type { recoveryCodesSchema } from './mfa-response.schemas';
import { type MfaStatus, MfaService, type TotpEnrolment } from './mfa.service';

/** Recovery codes are shown once, in the response that creates them. */
export type RecoveryCodesView = z.infer<typeof recoveryCodesSchema>;

/**
 * With `mfa.enabled` false every route answers 404 from the feature guard, before throttling,
 * authentication or body validation: the switched-off feature spends no budget and says nothing.
 */
@Controller('mfa')
@RecoveryFeature('mfa')
@UseGuards(RecoveryFeatureGuard, NoCredentialsInUrlGuard)
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly login: MfaLoginService,
  ) {}

  @Get()
  @UseGuards(JwtAuthGuard)
  @Header('Cache-Control', 'no-store')
  status(@CurrentUser() principal: AuthPrincipal): Promise<MfaStatus> {
    return this.mfa.status(principal.userId);
  }

  @Post('totp')
  @UseGuards(JwtAuthGuard)
  @Header('Cache-Control', 'no-store')
  enrol(@CurrentUser() principal: AuthPrincipal): Promise<TotpEnrolment> {
    return this.mfa.enrol(principal.userId);
  }

  @Post('totp/confirm')
  @HttpCode(HttpStatus.OK)
  @UseGuards(JwtAuthGuard)
  @Header('Cache-Control', 'no-store')
  async confirm(
    @CurrentUser() principal: AuthPrincipal,
    @Body(new ZodBodyPipe(mfaConfirmSchema)) body: MfaConfirmRequest,
  ): Promise<RecoveryCodesView> {
    return {
      recoveryCodes: await this.mfa.confirm(principal.userId, body.password, body.code),
    };
  }

  @Post('totp/disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(JwtAuthGuard)
  async disable(
    @CurrentUser() principal: AuthPrincipal,
    @Body(new ZodBodyPipe(mfaDisableSchema)) body: MfaDisableRequest,
  ): Promise<void> {
    await this.mfa.disable(principal.userId, body.password, body.code);
  }

  @Post('recovery-codes')
  @HttpCode(HttpStatus.OK)
  @UseGuards(JwtAuthGuard)
  @Header('Cache-Control', 'no-store')
  async regenerate(
    @CurrentUser() principal: AuthPrincipal,
    @Body(new ZodBodyPipe(mfaCodeSchema)) body: MfaCodeRequest,
  ): Promise<RecoveryCodesView> {
    return { recoveryCodes: await this.mfa.regenerateRecoveryCodes(principal.userId, body.code) };
  }

  /** Throttled like the login it completes, before the body is even validated. */
  @Public()
  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LoginThrottlerGuard)
  verify(
    @Body(new ZodBodyPipe(mfaVerifySchema)) body: MfaVerifyRequest,
    @Req() request: ClientRequest,
  ): Promise<TokenPair> {
    return this.login.verify(body.challenge, body.code, clientInfoOf(request));
  }
}
