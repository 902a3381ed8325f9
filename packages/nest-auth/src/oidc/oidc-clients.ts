import * as oidc from 'openid-client';
import type { AuthConfig } from '../settings/auth-config';
import type { OidcProviderSettings } from '../settings/oidc-settings';
import { clientAuthOf } from './oidc-client-auth';
import { OidcProviderNotFoundError, OidcProviderUnavailableError } from './oidc.errors';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http is allowed only to a loopback provider outside staging and production (tests). */
export function allowsInsecure(url: string, config: AuthConfig): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && LOOPBACK.has(hostname) && !config.isDeployed;
}

/**
 * The openid-client `Configuration` of each provider, built once: from discovery for an issuer
 * (retried on the next sign-in when the provider was unreachable), from the explicit endpoints
 * for plain OAuth 2.0.
 */
export class OidcClients {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(private readonly config: AuthConfig) {}

  /** @throws OidcProviderNotFoundError for an unknown id */
  provider(id: string): OidcProviderSettings {
    const found = this.config.oidc.providers.find((p) => p.id === id);
    if (!found) throw new OidcProviderNotFoundError(id);
    return found;
  }

  /** @throws OidcProviderUnavailableError when discovery fails */
  configuration(provider: OidcProviderSettings): Promise<oidc.Configuration> {
    let pending = this.configurations.get(provider.id);
    if (!pending) {
      pending = this.build(provider).catch((error: unknown) => {
        this.configurations.delete(provider.id);
        throw new OidcProviderUnavailableError(provider.id, { cause: error });
      });
      this.configurations.set(provider.id, pending);
    }
    return pending;
  }

  /** The callback URL registered at the provider; compared exactly by it. */
  redirectUri(provider: OidcProviderSettings): string {
    const base = this.config.oidc.redirectBaseUrl.replace(/\/+$/, '');
    return `${base}/auth/oidc/${provider.id}/callback`;
  }

  private async build(p: OidcProviderSettings): Promise<oidc.Configuration> {
    const auth = await clientAuthOf(p);
    const metadata = { client_id: p.clientId, redirect_uris: [this.redirectUri(p)] };
    if (p.issuer) {
      const insecure = allowsInsecure(p.issuer, this.config);
      return oidc.discovery(new URL(p.issuer), p.clientId, metadata, auth, {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
        timeout: this.config.oidc.discoveryTimeoutSeconds,
      });
    }
    const server: oidc.ServerMetadata = {
      issuer: new URL(p.authorizationEndpoint!).origin,
      authorization_endpoint: p.authorizationEndpoint!,
      token_endpoint: p.tokenEndpoint!,
      userinfo_endpoint: p.userinfoEndpoint!,
    };
    const configuration = new oidc.Configuration(server, p.clientId, metadata, auth);
    const endpoints = [p.authorizationEndpoint!, p.tokenEndpoint!, p.userinfoEndpoint!];
    if (endpoints.every((url) => allowsInsecure(url, this.config) || url.startsWith('https:')))
      if (endpoints.some((url) => url.startsWith('http:')))
        oidc.allowInsecureRequests(configuration);
    return configuration;
  }
}
