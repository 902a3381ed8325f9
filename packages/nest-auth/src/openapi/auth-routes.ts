import type { AuthRouteDoc } from './auth-route-doc';
import { ACCOUNT_RECOVERY_ROUTES } from './routes/account-recovery-routes';
import { API_KEY_ROUTES } from './routes/api-key-routes';
import { CORE_ROUTES } from './routes/core-routes';
import { MFA_ROUTES } from './routes/mfa-routes';
import { OIDC_ROUTES } from './routes/oidc-routes';
import { PASSKEY_ROUTES } from './routes/passkey-routes';

/** Every route of AuthModule, OidcModule and PasskeysModule, whatever is switched on. */
export const AUTH_ROUTES: readonly AuthRouteDoc[] = [
  ...CORE_ROUTES,
  ...API_KEY_ROUTES,
  ...MFA_ROUTES,
  ...ACCOUNT_RECOVERY_ROUTES,
  ...OIDC_ROUTES,
  ...PASSKEY_ROUTES,
];

/** The route's OpenAPI path under `basePath` (`auth`, `/auth/`, `api/auth`; `''` for the root). */
export function routePath(basePath: string, route: Pick<AuthRouteDoc, 'path'>): string {
  if (route.path.startsWith('/')) return route.path;
  const base = basePath.replace(/^\/+|\/+$/g, '');
  return `/${[base, route.path].filter(Boolean).join('/')}`;
}
