import type { AuthPrincipal } from './auth-principal';
import { type AuthenticatableRequest, AuthenticatorProtocol } from './authenticator.protocol';

const LOWERCASE_A = 0x61;
const API_KEY_SCHEME = /^apikey(?: |$)/i;

/** Whether the Authorization header names the `ApiKey` scheme (any case), with no allocation. */
function isApiKeyScheme(authorization: string | string[] | undefined): boolean {
  return (
    typeof authorization === 'string' &&
    // Cheap first-letter test, so a `Bearer` header never reaches the regular expression.
    (authorization.charCodeAt(0) | 0x20) === LOWERCASE_A &&
    API_KEY_SCHEME.test(authorization)
  );
}

/**
 * The default authenticator when API keys are enabled: `X-API-Key` or `Authorization: ApiKey`
 * go to the API-key authenticator, everything else to the bearer one. Not `async`: the bearer
 * path gets the bearer authenticator's own promise, with no extra await or allocation.
 */
export class CompositeAuthenticator extends AuthenticatorProtocol {
  constructor(
    private readonly bearer: AuthenticatorProtocol,
    private readonly apiKey: AuthenticatorProtocol,
  ) {
    super();
  }

  /** @inheritdoc */
  authenticate(request: AuthenticatableRequest): Promise<AuthPrincipal | null> {
    const { headers } = request;
    if (headers['x-api-key'] === undefined && !isApiKeyScheme(headers.authorization)) {
      return this.bearer.authenticate(request);
    }
    return this.apiKey.authenticate(request);
  }
}
