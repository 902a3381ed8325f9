import { Module } from '@nestjs/common';
import { PagesLoginThrottle } from './login-throttle.guard';
import { PageFiles } from './page-files';
import { PagesPasskeys } from './pages-passkeys';
import { PagesSessionController } from './pages-session.controller';
import { PagesController } from './pages.controller';
import { RefreshCookie } from './refresh-cookie';
import { SameOriginGuard } from './same-origin.guard';

/**
 * The example host's pages (sign in, register, password reset, email verification, account).
 * Host code: it uses the auth module only through its public exports, as any host would, and
 * adds no cookie to the JSON API: see docs/guides/pages.md.
 */
@Module({
  controllers: [PagesController, PagesSessionController],
  providers: [
    { provide: PageFiles, useFactory: () => new PageFiles() },
    RefreshCookie,
    SameOriginGuard,
    PagesLoginThrottle,
    PagesPasskeys,
  ],
})
export class PagesModule {}
