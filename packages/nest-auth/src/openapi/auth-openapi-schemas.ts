import {
  forgotPasswordSchema,
  resendVerificationSchema,
  resetPasswordSchema,
  verifyEmailSchema,
} from '../account-recovery/account-recovery.schemas';
import { mailQueuedSchema } from '../account-recovery/account-recovery-response.schemas';
import {
  apiKeyListSchema,
  apiKeyViewSchema,
  createdApiKeySchema,
} from '../api-keys/api-key-response.schemas';
import { createApiKeySchema } from '../api-keys/api-key.schemas';
import {
  changePasswordSchema,
  loginSchema,
  logoutSchema,
  refreshSchema,
  registerSchema,
} from '../dto/auth-request.schemas';
import { tokenPairSchema, userViewSchema } from '../dto/auth-response.schemas';
import { errorBodySchema } from '../errors/error-body.schema';
import {
  mfaStatusSchema,
  recoveryCodesSchema,
  totpEnrolmentSchema,
} from '../mfa/mfa-response.schemas';
import {
  mfaCodeSchema,
  mfaConfirmSchema,
  mfaDisableSchema,
  mfaVerifySchema,
} from '../mfa/mfa.schemas';
import {
  externalIdentityListSchema,
  oidcAuthorizationUrlSchema,
  oidcProviderListSchema,
} from '../oidc/oidc-response.schemas';
import { oidcLinkSchema, oidcTokenSchema } from '../oidc/oidc.schemas';
import {
  passkeyCreationOptionsSchema,
  passkeyListSchema,
  passkeyRequestOptionsSchema,
  passkeyViewSchema,
} from '../passkeys/passkey-response.schemas';
import {
  authenticationOptionsSchema,
  authenticationVerifySchema,
  registrationVerifySchema,
  renamePasskeySchema,
} from '../passkeys/passkey.schemas';
import { sessionListSchema } from '../sessions/session-response.schemas';
import { jsonWebKeySetSchema } from '../tokens/jwks-response.schema';

/** The zod schemas the routes validate their bodies with, by component name. */
export const REQUEST_SCHEMAS = {
  RegisterRequest: registerSchema,
  LoginRequest: loginSchema,
  RefreshRequest: refreshSchema,
  LogoutRequest: logoutSchema,
  ChangePasswordRequest: changePasswordSchema,
  CreateApiKeyRequest: createApiKeySchema,
  MfaCodeRequest: mfaCodeSchema,
  MfaConfirmRequest: mfaConfirmSchema,
  MfaDisableRequest: mfaDisableSchema,
  MfaVerifyRequest: mfaVerifySchema,
  ForgotPasswordRequest: forgotPasswordSchema,
  ResetPasswordRequest: resetPasswordSchema,
  VerifyEmailRequest: verifyEmailSchema,
  ResendVerificationRequest: resendVerificationSchema,
  OidcTokenRequest: oidcTokenSchema,
  OidcLinkRequest: oidcLinkSchema,
  PasskeyRegistrationVerifyRequest: registrationVerifySchema,
  PasskeyAuthenticationOptionsRequest: authenticationOptionsSchema,
  PasskeyAuthenticationVerifyRequest: authenticationVerifySchema,
  RenamePasskeyRequest: renamePasskeySchema,
};

/** The zod schemas of what the routes answer, by component name. */
export const RESPONSE_SCHEMAS = {
  ErrorBody: errorBodySchema,
  TokenPair: tokenPairSchema,
  UserView: userViewSchema,
  SessionList: sessionListSchema,
  ApiKeyView: apiKeyViewSchema,
  CreatedApiKey: createdApiKeySchema,
  ApiKeyList: apiKeyListSchema,
  MfaStatus: mfaStatusSchema,
  TotpEnrolment: totpEnrolmentSchema,
  RecoveryCodes: recoveryCodesSchema,
  JsonWebKeySet: jsonWebKeySetSchema,
  MailQueued: mailQueuedSchema,
  OidcProviderList: oidcProviderListSchema,
  OidcAuthorizationUrl: oidcAuthorizationUrlSchema,
  ExternalIdentityList: externalIdentityListSchema,
  PasskeyView: passkeyViewSchema,
  PasskeyList: passkeyListSchema,
  PasskeyCreationOptions: passkeyCreationOptionsSchema,
  PasskeyRequestOptions: passkeyRequestOptionsSchema,
};

export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;
export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;
