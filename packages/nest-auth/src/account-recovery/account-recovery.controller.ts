import { Body, Controller, Header, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import type { z } from 'zod';
import { Public } from '../decorators/public.decorator';
import { ValidBody } from '../dto/valid-body.guard';
import { ZodBodyPipe } from '../dto/zod-body.pipe';
import { NoCredentialsInUrlGuard } from '../guards/no-credentials-in-url.guard';
import {
  type ForgotPasswordRequest,
  forgotPasswordSchema,
  type ResendVerificationRequest,
  resendVerificationSchema,
  type ResetPasswordRequest,
  resetPasswordSchema,
  type VerifyEmailRequest,
  verifyEmailSchema,
} from './account-recovery.schemas';
import type { mailQueuedSchema } from './account-recovery-response.schemas';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { RecoveryFeature, RecoveryFeatureGuard } from './recovery-feature.guard';
import { LinkThrottlerGuard, MailThrottlerGuard } from './recovery-throttler.guard';

/** The body of every "we may have sent you a mail" answer: one text whether or not the account exists. */
export type MailQueuedView = z.infer<typeof mailQueuedSchema>;

const QUEUED: MailQueuedView = {
  message:
    'If an account with this email exists and needs it, a message with a link is on its way.',
};

/**
 * Password reset and email verification. Public (a link from a mail is all the caller has),
 * never cached, and refusing any query string. The mail routes validate the body first (a
 * malformed one is a 400, not a 429), then throttle; the link routes throttle first.
 */
@Controller()
@Public()
@UseGuards(RecoveryFeatureGuard, NoCredentialsInUrlGuard)
export class AccountRecoveryController {
  constructor(
    private readonly reset: PasswordResetService,
    private readonly verification: EmailVerificationService,
  ) {}

  @Post('password/forgot')
  @RecoveryFeature('passwordReset')
  @HttpCode(HttpStatus.ACCEPTED)
  @Header('Cache-Control', 'no-store')
  @UseGuards(ValidBody(forgotPasswordSchema), MailThrottlerGuard)
  forgot(@Body() body: ForgotPasswordRequest): MailQueuedView {
    this.reset.requestReset(body.email);
    return QUEUED;
  }

  @Post('password/reset')
  @RecoveryFeature('passwordReset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LinkThrottlerGuard)
  async resetPassword(
    @Body(new ZodBodyPipe(resetPasswordSchema)) body: ResetPasswordRequest,
  ): Promise<void> {
    await this.reset.reset(body.token, body.newPassword);
  }

  @Post('verify-email')
  @RecoveryFeature('emailVerification')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LinkThrottlerGuard)
  async verifyEmail(
    @Body(new ZodBodyPipe(verifyEmailSchema)) body: VerifyEmailRequest,
  ): Promise<void> {
    await this.verification.verify(body.token);
  }

  @Post('verify-email/resend')
  @RecoveryFeature('emailVerification')
  @HttpCode(HttpStatus.ACCEPTED)
  @Header('Cache-Control', 'no-store')
  @UseGuards(ValidBody(resendVerificationSchema), MailThrottlerGuard)
  resend(@Body() body: ResendVerificationRequest): MailQueuedView {
    this.verification.resend(body.email);
    return QUEUED;
  }
}
