import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { LoginThrottlerGuard } from '@lexigram/nest-auth';

/**
 * The module's login throttle (same budget, same 429) on the pages' sign-in steps. A delegate:
 * Nest would build a `@UseGuards(LoginThrottlerGuard)` anew in this module, where the throttler's
 * options are not visible; the instance the auth module exports already has them.
 */
@Injectable()
export class PagesLoginThrottle implements CanActivate {
  constructor(private readonly throttler: LoginThrottlerGuard) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    return this.throttler.canActivate(context);
  }
}
