import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { AuthConfig } from '../settings/auth-config';
import type { OidcProviderSettings } from '../settings/oidc-settings';
import { type ExternalProfile, profileOf } from './external-profile';
import { OidcClients } from './oidc-clients';
import { OidcLoginRefusedError } from './oidc.errors';
import { OidcLoginStateStore, type OidcLoginStateRecord } from './stores/oidc-login-state-store';

/** A started sign-in: the provider's URL and the state to bind to the browser. */
export interface StartedSignIn {
  authorizationUrl: string;
  state: string;
}

/** What a finished provider round trip gives: who signed in, and the sign-in's record. */
export interface FinishedSignIn {
  provider: OidcProviderSettings;
  profile: ExternalProfile;
  record: OidcLoginStateRecord;
}

/**
 * The authorization-code flow with PKCE (S256), state and nonce, all checked by openid-client:
 * the ID token's signature (provider JWKS), issuer, audience, expiry and nonce.
 */
@Injectable()
export class OidcFlowService {
  constructor(
    private readonly clients: OidcClients,
    private readonly states: OidcLoginStateStore,
    private readonly config: AuthConfig,
  ) {}

  /** @param linkUserId set when a signed-in user links this provider to the account */
  async start(
    providerId: string,
    returnTo: string,
    linkUserId: string | null,
  ): Promise<StartedSignIn> {
    const provider = this.clients.provider(providerId);
    const configuration = await this.clients.configuration(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const data = { codeVerifier, nonce, returnTo };
    const state = await this.states.issue(
      { kind: 'state', providerId, userId: linkUserId, data },
      this.config.oidc.stateTtlSeconds,
    );
    const parameters: Record<string, string> = {
      redirect_uri: this.clients.redirectUri(provider),
      scope: provider.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    };
    if (provider.issuer) parameters.nonce = nonce;
    const url = oidc.buildAuthorizationUrl(configuration, parameters);
    return { authorizationUrl: url.href, state };
  }

  /**
   * Spends the state (single use), exchanges the code and reads who signed in.
   * @param query the callback's query string, as received
   * @throws OidcLoginRefusedError
   */
  async finish(
    providerId: string,
    query: URLSearchParams,
    cookieState: string | null,
  ): Promise<FinishedSignIn> {
    const provider = this.clients.provider(providerId);
    const state = query.get('state') ?? '';
    // The state must be the one this browser started: its cookie, compared in constant time.
    if (!cookieState || !sameText(cookieState, state))
      throw new OidcLoginRefusedError('invalid_state');
    const record = await this.states.consume(state, 'state');
    if (!record || record.providerId !== providerId)
      throw new OidcLoginRefusedError('invalid_state');
    if (query.has('error')) throw new OidcLoginRefusedError('provider_error');
    const configuration = await this.clients.configuration(provider);
    const profile = await this.exchange(provider, configuration, query, record);
    return { provider, profile, record };
  }

  private async exchange(
    provider: OidcProviderSettings,
    configuration: oidc.Configuration,
    query: URLSearchParams,
    record: OidcLoginStateRecord,
  ): Promise<ExternalProfile> {
    // The callback URL is ours from the settings, never the request's Host header.
    const callback = new URL(this.clients.redirectUri(provider));
    callback.search = query.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: record.data.codeVerifier,
        expectedState: query.get('state') ?? '',
        ...(provider.issuer ? { expectedNonce: record.data.nonce, idTokenExpected: true } : {}),
      });
      const profile = await this.readProfile(provider, configuration, tokens);
      if (!profile) throw new Error('the provider named no subject');
      return profile;
    } catch (error) {
      throw new OidcLoginRefusedError('invalid_response', { cause: error });
    }
  }

  private async readProfile(
    provider: OidcProviderSettings,
    configuration: oidc.Configuration,
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  ): Promise<ExternalProfile | null> {
    const issuer = configuration.serverMetadata().issuer;
    const idClaims = tokens.claims();
    if (provider.issuer && idClaims) {
      const fromIdToken = profileOf(issuer, idClaims, provider.claims);
      if (fromIdToken?.email || !configuration.serverMetadata().userinfo_endpoint)
        return fromIdToken;
      // Bound to the ID token's subject: userinfo of anyone else is refused by the library.
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      return profileOf(issuer, { ...idClaims, ...info }, provider.claims);
    }
    const endpoint = new URL(configuration.serverMetadata().userinfo_endpoint!);
    const response = await oidc.fetchProtectedResource(
      configuration,
      tokens.access_token,
      endpoint,
      'GET',
    );
    if (!response.ok) throw new Error(`userinfo answered ${response.status}`);
    return profileOf(issuer, (await response.json()) as Record<string, unknown>, provider.claims);
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
