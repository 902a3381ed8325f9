import type { AuthPrincipal } from './auth-principal';
import { type AuthenticatableRequest, AuthenticatorProtocol } from './authenticator.protocol';
import { CompositeAuthenticator } from './composite.authenticator';

class Recording extends AuthenticatorProtocol {
  readonly seen: AuthenticatableRequest[] = [];
  readonly answer = Promise.resolve<AuthPrincipal | null>(null);

  authenticate(request: AuthenticatableRequest): Promise<AuthPrincipal | null> {
    this.seen.push(request);
    return this.answer;
  }
}

describe('CompositeAuthenticator', () => {
  let bearer: Recording;
  let apiKey: Recording;
  let composite: CompositeAuthenticator;

  beforeEach(() => {
    bearer = new Recording();
    apiKey = new Recording();
    composite = new CompositeAuthenticator(bearer, apiKey);
  });

  it('hands a Bearer request to the bearer authenticator and returns its very promise', () => {
    const request = { headers: { authorization: 'Bearer abc' } };

    expect(composite.authenticate(request)).toBe(bearer.answer);
    expect(bearer.seen).toEqual([request]);
    expect(apiKey.seen).toEqual([]);
  });

  it.each([
    [{}],
    [{ authorization: 'Basic dXNlcjpwYXNz' }],
    [{ authorization: 'ApiKeyX abc' }],
    [{ authorization: 'Apple pie' }],
    [{ authorization: '' }],
  ])('leaves requests without an API key to the bearer authenticator: %p', (headers) => {
    void composite.authenticate({ headers });

    expect(bearer.seen).toHaveLength(1);
    expect(apiKey.seen).toHaveLength(0);
  });

  it.each([
    [{ authorization: 'ApiKey lex_x' }],
    [{ authorization: 'apikey lex_x' }],
    [{ authorization: 'APIKEY lex_x' }],
    [{ authorization: 'ApiKey' }],
    [{ 'x-api-key': 'lex_x' }],
    [{ 'x-api-key': '' }],
    [{ 'x-api-key': 'lex_x', authorization: 'Bearer abc' }],
  ])('hands API-key requests to the API-key authenticator: %p', (headers) => {
    void composite.authenticate({ headers });

    expect(apiKey.seen).toHaveLength(1);
    expect(bearer.seen).toHaveLength(0);
  });
});
