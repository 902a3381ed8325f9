import { Controller, Get, Param, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthResourceNotFoundError, Public } from '@lexigram/nest-auth';
import { PAGE_HEADERS } from './page-headers';
import { type PageFile, PageFiles, type PagePath } from './page-files';
import { PagesPasskeys } from './pages-passkeys';

/**
 * The pages a person clicks, as static HTML with their script and style under `/pages/assets/`.
 * The paths are those the emailed links open (`<link_base_url>/reset-password?token=…`,
 * `/verify-email?token=…`). Every answer carries the strict CSP of `page-headers.ts`.
 */
@Public()
@Controller()
export class PagesController {
  constructor(
    private readonly files: PageFiles,
    private readonly adapterHost: HttpAdapterHost,
    private readonly passkeys: PagesPasskeys,
  ) {}

  /** The pages as sent: each `<body>` says what of passkeys the page may offer. */
  private rendered: Map<PagePath, PageFile> | null = null;

  @Get('sign-in')
  signIn(@Res() response: unknown): void {
    this.page(response, 'sign-in');
  }

  @Get('register')
  register(@Res() response: unknown): void {
    this.page(response, 'register');
  }

  @Get('forgot-password')
  forgotPassword(@Res() response: unknown): void {
    this.page(response, 'forgot-password');
  }

  @Get('reset-password')
  resetPassword(@Res() response: unknown): void {
    this.page(response, 'reset-password');
  }

  @Get('verify-email')
  verifyEmail(@Res() response: unknown): void {
    this.page(response, 'verify-email');
  }

  @Get('account')
  account(@Res() response: unknown): void {
    this.page(response, 'account');
  }

  @Get('pages/assets/:name')
  asset(@Param('name') name: string, @Res() response: unknown): void {
    const file = this.files.assets.get(name);
    if (!file) throw new AuthResourceNotFoundError('No such page asset.');
    this.send(response, file);
  }

  private page(response: unknown, path: PagePath): void {
    this.rendered ??= this.render();
    this.send(response, this.rendered.get(path)!);
  }

  private render(): Map<PagePath, PageFile> {
    const { manage, signIn } = this.passkeys.offer();
    const onOff = (on: boolean) => (on ? 'on' : 'off');
    const body = `<body data-passkeys="${onOff(manage)}" data-passkey-sign-in="${onOff(signIn)}">`;
    return new Map(
      [...this.files.pages].map(([path, file]) => [
        path,
        { ...file, body: file.body.replace('<body>', body) },
      ]),
    );
  }

  private send(response: unknown, file: PageFile): void {
    const { httpAdapter } = this.adapterHost;
    for (const [name, value] of Object.entries(PAGE_HEADERS))
      httpAdapter.setHeader(response, name, value);
    httpAdapter.setHeader(response, 'Content-Type', file.contentType);
    httpAdapter.reply(response, file.body, 200);
  }
}
