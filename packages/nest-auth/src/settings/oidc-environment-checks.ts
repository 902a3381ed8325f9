import type { ConfigProblem } from './auth-configuration.error';
import type { OidcSettings } from './oidc-settings';

const PLACEHOLDER = /change[-_ ]?me|placeholder|example|secret$|^x+$|^todo/i;
const VARIABLE = 'LEX_AUTH__OIDC__PROVIDERS';

/** Staging and production: https everywhere a redirect or a provider is, and real secrets. */
export function oidcDeployedProblems(oidc: OidcSettings): ConfigProblem[] {
  if (oidc.providers.length === 0) return [];
  const problems: ConfigProblem[] = [];
  for (const [name, url] of [
    ['LEX_AUTH__OIDC__REDIRECT_BASE_URL', oidc.redirectBaseUrl],
    ['LEX_AUTH__OIDC__POST_LOGIN_URL', oidc.postLoginUrl],
  ] as const) {
    if (!url.startsWith('https://'))
      problems.push({
        variable: name,
        message: `must be an https:// URL in staging and production (got ${url}).`,
      });
  }
  for (const p of oidc.providers) {
    const urls = [p.issuer, p.authorizationEndpoint, p.tokenEndpoint, p.userinfoEndpoint];
    if (urls.some((url) => url !== null && !url.startsWith('https://')))
      problems.push({
        variable: VARIABLE,
        message: `provider "${p.id}": its issuer and endpoints must be https:// URLs.`,
      });
    if (p.clientSecret !== null && (p.clientSecret.length < 16 || PLACEHOLDER.test(p.clientSecret)))
      problems.push({
        variable: VARIABLE,
        message: `provider "${p.id}": client_secret looks like a placeholder; set the secret the provider issued.`,
      });
  }
  return problems;
}
