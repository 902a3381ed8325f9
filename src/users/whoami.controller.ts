import { Controller, Get } from '@nestjs/common';
import { AcceptsApiKeys, type AuthPrincipal, CurrentUser } from '@lexigram/nest-auth';

/**
 * A host route that needs only the principal: the guard's checks (signature, claims, type,
 * blacklist, revoked-before) and no user read, unlike `GET /auth/me`. The benchmark measures the
 * auth path through it.
 */
@Controller('whoami')
export class WhoamiController {
  /** The principal of the bearer token or API key (any key may ask who it is). */
  @Get()
  @AcceptsApiKeys()
  whoami(@CurrentUser() principal: AuthPrincipal): AuthPrincipal {
    return principal;
  }
}
