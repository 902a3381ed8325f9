import {
  type CanActivate,
  type CustomDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FeatureDisabledError } from '../errors/auth.errors';
import { AuthConfig } from '../settings/auth-config';

/** The features configuration can switch off whose routes this guard hides. */
type RecoveryFeature = 'passwordReset' | 'emailVerification' | 'mfa';

const FEATURE_KEY = 'lexAuth:recoveryFeature';
const FEATURE_NAMES: Record<RecoveryFeature, string> = {
  passwordReset: 'Password reset',
  emailVerification: 'Email verification',
  mfa: 'MFA',
};

/** Marks a route, or every route of a controller, as part of a feature configuration can switch off. */
export const RecoveryFeature = (feature: RecoveryFeature): CustomDecorator<string> =>
  SetMetadata(FEATURE_KEY, feature);

/**
 * Answers 404 FeatureDisabledError for a switched-off feature before anything else looks at the
 * request, so a disabled route neither spends the client's rate limit nor validates a body.
 * Bind it first in the controller's `@UseGuards`; guards bound globally still run before it.
 */
@Injectable()
export class RecoveryFeatureGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AuthConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const feature = this.reflector.getAllAndOverride<RecoveryFeature | undefined>(FEATURE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (feature && !this.config[feature].enabled)
      throw new FeatureDisabledError(FEATURE_NAMES[feature]);
    return true;
  }
}
