import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FeatureDisabledError } from '../errors/auth.errors';
import { AuthConfig } from '../settings/auth-config';

type RecoveryFeature = 'passwordReset' | 'emailVerification';

const FEATURE_KEY = 'lexAuth:recoveryFeature';
const FEATURE_NAMES: Record<RecoveryFeature, string> = {
  passwordReset: 'Password reset',
  emailVerification: 'Email verification',
};

/** Marks a route as part of a feature that configuration can switch off. */
export const RecoveryFeature = (feature: RecoveryFeature): MethodDecorator =>
  SetMetadata(FEATURE_KEY, feature);

/**
 * Answers 404 FeatureDisabledError for a switched-off feature before anything else looks at the
 * request, so a disabled route neither spends the client's rate limit nor validates a body.
 */
@Injectable()
export class RecoveryFeatureGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AuthConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const feature = this.reflector.get<RecoveryFeature | undefined>(
      FEATURE_KEY,
      context.getHandler(),
    );
    if (feature && !this.config[feature].enabled)
      throw new FeatureDisabledError(FEATURE_NAMES[feature]);
    return true;
  }
}
