import { OidcClients } from '../../oidc/oidc-clients';
import type { DoctorConfigInput, DoctorFinding } from './doctor-check';
import { ok } from './doctor-check';

/** The error's message, and its cause's (discovery failures wrap the network or parse error). */
function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (let e = error; e instanceof Error && messages.length < 3; e = e.cause) {
    messages.push(e.message);
  }
  return messages.length > 0 ? messages.join(': ') : String(error);
}

/**
 * Each OpenID provider's discovery document, fetched the way the first sign-in fetches it (same
 * client, same `oidc.discovery_timeout_seconds`): a wrong issuer, an unreachable provider or an
 * issuer that does not match its own document fails here instead of at a user's sign-in.
 */
export async function checkOidcProviders(input: DoctorConfigInput): Promise<DoctorFinding[]> {
  const config = input.config;
  if (!config || config.oidc.providers.length === 0) return [];
  const clients = new OidcClients(config);
  return Promise.all(
    config.oidc.providers.map(async (provider): Promise<DoctorFinding> => {
      const check = `oidc provider ${provider.id}`;
      if (!provider.issuer) {
        return ok(check, 'plain OAuth 2.0 (explicit endpoints): no discovery document to fetch');
      }
      try {
        const metadata = (await clients.configuration(provider)).serverMetadata();
        return ok(check, `discovery document of ${metadata.issuer} read`);
      } catch (error) {
        return {
          check,
          status: 'fail',
          message: `${provider.issuer}: ${describeFailure(error)}`,
          fix:
            "Check the provider's issuer URL (it must equal the document's `issuer` exactly), " +
            'that this host reaches it (DNS, firewall, proxy), and LEX_AUTH__OIDC__DISCOVERY_TIMEOUT_SECONDS.',
        };
      }
    }),
  );
}
