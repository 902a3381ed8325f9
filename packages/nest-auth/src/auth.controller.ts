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
import { type ClientRequest, clientInfoOf } from './common/client-info';
import type { AuthPrincipal } from './authenticator/auth-principal';
import { AuthService } from './login/auth.service';
import { AcceptsApiKeys } from './decorators/accepts-api-keys.decorator';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import {
  type ChangePasswordRequest,
  changePasswordSchema,
  type LogoutRequest,
  logoutSchema,
  type RefreshRequest,
  refreshSchema,
  type RegisterRequest,
  registerSchema,
} from './dto/auth-request.schemas';
import type { userViewSchema } from './dto/auth-response.schemas';
import { ZodBodyPipe } from './dto/zod-body.pipe';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { LoginThrottlerGuard } from './guards/login-throttler.guard';
import { NoCredentialsInUrlGuard } from './guards/no-credentials-in-url.guard';
import type { TokenPair } from './tokens/token-claims';
import type { AuthUser } from './user-store/user-store';

/** The public view of a user: never the hash. */
export type UserView = z.infer<typeof userViewSchema>;

const toView = (user: AuthUser): UserView => ({
  id: user.id,
  email: user.email,
  createdAt: user.createdAt.toISOString(),
});

@Controller()
@UseGuards(NoCredentialsInUrlGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  async register(@Body(new ZodBodyPipe(registerSchema)) body: RegisterRequest): Promise<UserView> {
    return toView(await this.auth.register(body.email, body.password));
  }

  /** Throttle first, then validate and check credentials (LocalAuthGuard). */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  login(@CurrentUser() user: unknown, @Req() request: ClientRequest): Promise<TokenPair> {
    return this.auth.completeLogin(user as AuthUser, clientInfoOf(request));
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  async refresh(@Body(new ZodBodyPipe(refreshSchema)) body: RefreshRequest): Promise<TokenPair> {
    return (await this.auth.refreshToken(body.refresh_token)).unwrap();
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(JwtAuthGuard)
  async logout(
    @CurrentUser() principal: AuthPrincipal,
    @Body(new ZodBodyPipe(logoutSchema)) body: LogoutRequest,
  ): Promise<void> {
    await this.auth.logout(principal, body.refresh_token);
  }

  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(JwtAuthGuard)
  async logoutAll(@CurrentUser() principal: AuthPrincipal): Promise<void> {
    await this.auth.logoutAll(principal.userId);
  }

  @Get('me')
  @UseGuards(JwtAuthGuard)
  @AcceptsApiKeys()
  async me(@CurrentUser() principal: AuthPrincipal): Promise<UserView> {
    // One primary-key read, no cache: a cached user would outlive its deletion or email change
    // on every other instance for the cache's lifetime, and the read costs less than the request.
    return toView(await this.auth.getUser(principal.userId));
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(JwtAuthGuard)
  async changePassword(
    @CurrentUser() principal: AuthPrincipal,
    @Body(new ZodBodyPipe(changePasswordSchema)) body: ChangePasswordRequest,
  ): Promise<void> {
    await this.auth.changePassword(principal.userId, body.currentPassword, body.newPassword);
  }
}
