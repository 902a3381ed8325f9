/**
 * The feature modules `AuthModule` composes, each on unless set to `false`. A feature left out
 * registers no route and no provider; its settings (`mfa.*`, …) then change nothing.
 */
export interface AuthFeatures {
  /** `MfaModule`: TOTP enrolment, the MFA step of a login, `/auth/mfa/*`. @default true */
  mfa?: boolean;
  /** `ApiKeysModule`: `/auth/api-keys`, and `X-API-Key` authentication. @default true */
  apiKeys?: boolean;
  /**
   * `AccountRecoveryModule`: password reset and email verification (`/auth/forgot-password`,
   * `/auth/reset-password`, `/auth/verify-email`, …) and the mail they send. @default true
   */
  accountRecovery?: boolean;
}

/** Whether `feature` is composed: everything is unless switched off. */
export const isComposed = (features: AuthFeatures | undefined, feature: keyof AuthFeatures) =>
  features?.[feature] !== false;
