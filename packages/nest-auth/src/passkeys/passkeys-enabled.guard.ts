import { type CanActivate, Injectable } from '@nestjs/common';
import { PasskeysFeature } from './passkeys-feature';

/**
 * Answers 404 FeatureDisabledError while `passkeys.enabled` is off, before anything else looks at
 * the request: a disabled route neither spends the client's rate limit nor validates a body.
 */
@Injectable()
export class PasskeysEnabledGuard implements CanActivate {
  constructor(private readonly feature: PasskeysFeature) {}

  canActivate(): boolean {
    this.feature.require();
    return true;
  }
}
