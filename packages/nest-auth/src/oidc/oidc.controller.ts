import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Redirect,
  Req,
  Res,
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
import { AuthConfig } from '../settings/auth-config';
import type { TokenPair } from '../tokens/token-claims';
import { OidcFlowService } from './oidc-flow.service';
import { OidcLoginService } from './oidc-login.service';
import {
  clearStateCookie,
  type HeaderResponse,
  setStateCookie,
  stateCookieOf,
} from './oidc-state-cookie';
import {
  type OidcLinkRequest,
  oidcLinkSchema,
  type OidcTokenRequest,
  oidcTokenSchema,
} from './oidc.schemas';
import type { oidcProviderViewSchema } from './oidc-response.schemas';
import { returnToOf } from './return-to';

/** A provider as the "Sign in with …" buttons need it. */
export type OidcProviderView = z.infer<typeof oidcProviderViewSchema>;

interface CallbackRequest extends ClientRequest {
  url?: string;
  originalUrl?: string;
}

/** Sign-in through the providers of `oidc.providers`. */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly flow: OidcFlowService,
    private readonly login: OidcLoginService,
    private readonly config: AuthConfig,
  ) {}

  @Public()
  @Get('providers')
  providers(): { providers: OidcProviderView[] } {
    return {
      providers: this.config.oidc.providers.map((p) => ({
        id: p.id,
        displayName: p.displayName,
        authorizePath: `/auth/oidc/${p.id}/authorize`,
      })),
    };
  }

  /** 302 to the provider; the state cookie binds the sign-in to this browser. */
  @Public()
  @Get(':provider/authorize')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  async authorize(
    @Param('provider') providerId: string,
    @Query('redirect') redirect: unknown,
    @Res({ passthrough: true }) res: HeaderResponse,
  ): Promise<{ url: string; statusCode: number }> {
    const returnTo = returnToOf(redirect, this.config.oidc.postLoginUrl);
    const started = await this.flow.start(providerId, returnTo, null);
    setStateCookie(res, started.state, this.config);
    return { url: started.authorizationUrl, statusCode: HttpStatus.FOUND };
  }

  /** The provider sends the browser here; it leaves with a login code, never with tokens. */
  @Public()
  @Get(':provider/callback')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @UseGuards(LoginThrottlerGuard)
  async callback(
    @Param('provider') providerId: string,
    @Req() request: CallbackRequest,
    @Res({ passthrough: true }) res: HeaderResponse,
  ): Promise<{ url: string; statusCode: number }> {
    const path = request.originalUrl ?? request.url ?? '';
    const query = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');
    clearStateCookie(res, this.config);
    const url = await this.login.callback(providerId, query, stateCookieOf(request.headers));
    return { url, statusCode: HttpStatus.FOUND };
  }

  /** The login code for the token pair, or the MFA challenge (401) as after a password login. */
  @Public()
  @Post('token')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(LoginThrottlerGuard)
  token(
    @Body(new ZodBodyPipe(oidcTokenSchema)) body: OidcTokenRequest,
    @Req() request: ClientRequest,
  ): Promise<TokenPair> {
    return this.login.exchange(body.code, clientInfoOf(request));
  }

  /** For a signed-in user: the URL that links the provider to the account. */
  @Post(':provider/link')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(JwtAuthGuard)
  async link(
    @CurrentUser() principal: AuthPrincipal,
    @Param('provider') providerId: string,
    @Body(new ZodBodyPipe(oidcLinkSchema)) body: OidcLinkRequest,
    @Res({ passthrough: true }) res: HeaderResponse,
  ): Promise<{ authorizationUrl: string }> {
    const returnTo = returnToOf(body.redirect, this.config.oidc.postLoginUrl);
    const started = await this.flow.start(providerId, returnTo, principal.userId);
    setStateCookie(res, started.state, this.config);
    return { authorizationUrl: started.authorizationUrl };
  }
}
