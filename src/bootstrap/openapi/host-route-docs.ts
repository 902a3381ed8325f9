import { PAGES_ROUTE_DOCS } from './pages-route-docs';
import type { RouteDoc } from './route-doc';

const E = 'ErrorBody';
const UNAUTHORIZED: [string, string] = [
  'missing, invalid, expired, revoked or wrong-audience token (WWW-Authenticate: Bearer)',
  E,
];

/**
 * The example host's own routes, keyed `METHOD /path` as Nest registers them; the auth module's
 * routes are described by the package (`addAuthRoutesToDocument`).
 */
export const HOST_ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /health': {
    tag: 'health',
    summary: 'Readiness (same as /health/ready)',
    responses: { 200: ['ready', 'HealthResult'], 503: ['names the failing dependency', E] },
  },
  'GET /health/live': {
    tag: 'health',
    summary: 'Liveness: the process answers',
    responses: { 200: ['alive', 'HealthResult'] },
  },
  'GET /health/ready': {
    tag: 'health',
    summary: 'Readiness: database and Redis (when used) answer',
    responses: { 200: ['ready', 'HealthResult'], 503: ['names the failing dependency', E] },
  },
  'GET /whoami': {
    tag: 'example',
    summary: "The principal of the caller's token or API key (example host route)",
    bearer: true,
    apiKey: true,
    responses: { 200: ['the principal', null], 401: UNAUTHORIZED },
  },
  'GET /admin/users/{id}': {
    tag: 'example',
    summary: 'One account, for holders of the users.read permission (example host route)',
    bearer: true,
    apiKey: true,
    responses: {
      200: ['the account', 'AdminUserView'],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: names the missing permission or scope', E],
      404: ['AuthResourceNotFoundError: no user with this id', E],
      503: ['a store did not answer; Retry-After', E],
    },
  },
  'GET /admin/roles': {
    tag: 'example',
    summary: 'The configured roles and what they grant, for admins (example host route)',
    bearer: true,
    responses: {
      200: ['every role with its permissions, inheritance expanded', 'RoleList'],
      401: UNAUTHORIZED,
      403: ['InsufficientPermissionsError: the admin role is required; API keys are refused', E],
    },
  },
  // The example host's pages (src/pages): their JSON session routes.
  ...PAGES_ROUTE_DOCS,
};
