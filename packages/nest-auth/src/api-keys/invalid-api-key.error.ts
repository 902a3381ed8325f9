import { TokenError } from '../errors/auth.errors';

/** Why an API key was refused; the metrics label `reason` of `auth_token_rejections_total`. */
export type ApiKeyRejection =
  | 'api_key_malformed'
  | 'api_key_unknown'
  | 'api_key_revoked'
  | 'api_key_expired'
  | 'api_key_owner_gone';

const MESSAGES: Record<ApiKeyRejection, string> = {
  api_key_malformed: 'The API key is malformed: send the whole key as it was shown at creation.',
  api_key_unknown: 'The API key is not valid. Check that it was copied whole, or create a new one.',
  api_key_revoked: 'The API key has been revoked. Create a new one with POST /auth/api-keys.',
  api_key_expired: 'The API key has expired. Create a new one with POST /auth/api-keys.',
  api_key_owner_gone: 'The account that owns this API key no longer exists.',
};

/**
 * A refused API key (401). Carries its own `WWW-Authenticate: ApiKey` challenge, which
 * `JwtAuthGuard` keeps instead of the bearer one.
 */
export class InvalidApiKeyError extends TokenError {
  constructor(readonly reason: ApiKeyRejection) {
    super(MESSAGES[reason]);
    this.wwwAuthenticate = `ApiKey realm="api", error="invalid_key", error_description="${MESSAGES[reason]}"`;
  }
}
