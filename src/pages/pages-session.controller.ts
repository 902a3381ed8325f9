import {
  Body,
  Controller,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  AuthService,
  type ClientRequest,
  clientInfoOf,
  InvalidTokenError,
  MfaLoginService,
  type PasskeyAuthenticationVerifyRequest,
  Public,
  ZodBodyPipe,
} from '@lexigram/nest-auth';
import {
  pagesEmptySchema,
  type PagesLoginRequest,
  pagesLoginSchema,
  type PagesMfaRequest,
  pagesMfaSchema,
  pagesPasskeySchema,
} from './pages-session.schemas';
import { PagesPasskeys } from './pages-passkeys';
import { PagesLoginThrottle } from './login-throttle.guard';
import { type PagesAccess, RefreshCookie } from './refresh-cookie';
import { SameOriginGuard } from './same-origin.guard';

type CookieClientRequest = ClientRequest & { headers: { cookie?: string } };

/**
 * The pages' side of a session: sign-in steps that put the refresh token in the HttpOnly cookie,
 * the refresh that turns that cookie into an access token for the page's memory, and sign-out
 * that drops it. The credentials go through the same services, throttle, lockout, MFA gate,
 * audit events and decision logs as `POST /auth/login` and `POST /auth/mfa/verify`.
 */
@Public()
@Controller('pages/session')
@UseGuards(SameOriginGuard)
export class PagesSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfaLogin: MfaLoginService,
    private readonly cookie: RefreshCookie,
    private readonly passkeys: PagesPasskeys,
  ) {}

  /** 401 MfaRequiredError with `mfaChallenge` when TOTP is on: then `POST /pages/session/mfa`. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(PagesLoginThrottle)
  async login(
    @Body(new ZodBodyPipe(pagesLoginSchema)) body: PagesLoginRequest,
    @Req() request: ClientRequest,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<PagesAccess> {
    const pair = await this.auth.login(body.email, body.password, clientInfoOf(request));
    return this.cookie.hand(response, pair);
  }

  @Post('mfa')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(PagesLoginThrottle)
  async mfa(
    @Body(new ZodBodyPipe(pagesMfaSchema)) body: PagesMfaRequest,
    @Req() request: ClientRequest,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<PagesAccess> {
    const pair = await this.mfaLogin.verify(body.challenge, body.code, clientInfoOf(request));
    return this.cookie.hand(response, pair);
  }

  /**
   * A passkey ceremony's answer (first factor, or the MFA step's second): the same service,
   * throttle, clone detection and audit events as `POST /auth/passkeys/authentication/verify`.
   */
  @Post('passkey')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @UseGuards(PagesLoginThrottle)
  async passkey(
    @Body(new ZodBodyPipe(pagesPasskeySchema)) body: PasskeyAuthenticationVerifyRequest,
    @Req() request: ClientRequest,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<PagesAccess> {
    const pair = await this.passkeys.authentication().verify(body, clientInfoOf(request));
    return this.cookie.hand(response, pair);
  }

  /** Spends the cookie's refresh token (rotation and reuse detection apply) for a new pair. */
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  async refresh(
    @Body(new ZodBodyPipe(pagesEmptySchema)) _body: unknown,
    @Req() request: CookieClientRequest,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<PagesAccess> {
    const token = this.cookie.read(request);
    if (!token) throw new InvalidTokenError('Not signed in.', 'no_cookie');
    const result = await this.auth.refreshToken(token);
    if (!result.isOk()) this.cookie.clear(response);
    return this.cookie.hand(response, result.unwrap());
  }

  /**
   * Drops the cookie. The page ends the session itself first with `POST /auth/logout` (or
   * `/auth/logout-all`) and its access token, so the refresh token is revoked, not just forgotten.
   */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(
    @Body(new ZodBodyPipe(pagesEmptySchema)) _body: unknown,
    @Res({ passthrough: true }) response: unknown,
  ): void {
    this.cookie.clear(response);
  }
}
