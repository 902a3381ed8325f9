/** What the document says of one route; the routes themselves come from Nest's scan. */
export interface RouteDoc {
  tag: string;
  summary: string;
  /** `components.schemas` name of the JSON body. */
  body?: string;
  bearer?: boolean;
  /** status → [description, response schema name or null for no body]. */
  responses: Record<number, [string, string | null]>;
}

const E = 'ErrorBody';
const BAD_REQUEST: [string, string] = ['malformed JSON, missing, mistyped or unknown fields', E];
const UNAUTHORIZED: [string, string] = [
  'missing, invalid, expired, revoked or wrong-audience token (WWW-Authenticate: Bearer)',
  E,
];
const UNAVAILABLE: [string, string] = [
  'a store (tracker, blacklist, users) did not answer; Retry-After',
  E,
];

/** Keyed `METHOD /path`, as Nest registers the routes. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /auth/register': {
    tag: 'auth',
    summary: 'Create an account',
    body: 'RegisterRequest',
    responses: {
      201: ['created', 'UserView'],
      400: BAD_REQUEST,
      409: ['UserAlreadyExistsError: the email is taken', E],
      422: ['PasswordPolicyError: violations lists every broken rule', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/login': {
    tag: 'auth',
    summary: 'Log in: start a session and get a token pair',
    body: 'LoginRequest',
    responses: {
      200: ['a token pair', 'TokenPair'],
      400: BAD_REQUEST,
      401: ['InvalidCredentialsError: wrong password or unknown user (same body)', E],
      423: ['AccountLockedError: too many failures; Retry-After', E],
      429: ['LoginRateLimitError: too many login requests from this client; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /auth/refresh': {
    tag: 'auth',
    summary: 'Spend a refresh token for a new pair (reuse revokes the session)',
    body: 'RefreshRequest',
    responses: {
      200: ['a new token pair', 'TokenPair'],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      503: UNAVAILABLE,
    },
  },
  'POST /auth/logout': {
    tag: 'auth',
    summary: "End the caller's session (and another one's, given its refresh token)",
    body: 'LogoutRequest',
    bearer: true,
    responses: { 204: ['revoked', null], 400: BAD_REQUEST, 401: UNAUTHORIZED, 503: UNAVAILABLE },
  },
  'POST /auth/logout-all': {
    tag: 'auth',
    summary: 'Revoke every token of the user issued up to now',
    bearer: true,
    responses: { 204: ['revoked', null], 401: UNAUTHORIZED, 503: UNAVAILABLE },
  },
  'GET /auth/me': {
    tag: 'auth',
    summary: 'The authenticated user',
    bearer: true,
    responses: { 200: ['the user', 'UserView'], 401: UNAUTHORIZED, 503: UNAVAILABLE },
  },
  'POST /auth/password': {
    tag: 'auth',
    summary: 'Change the password; every earlier token is revoked',
    body: 'ChangePasswordRequest',
    bearer: true,
    responses: {
      204: ['changed', null],
      400: BAD_REQUEST,
      401: UNAUTHORIZED,
      422: ['PasswordPolicyError', E],
      423: ['AccountLockedError: too many wrong current passwords', E],
      503: UNAVAILABLE,
    },
  },
  'GET /.well-known/jwks.json': {
    tag: 'auth',
    summary: 'Public signing keys (RS256, ES256, EdDSA)',
    responses: {
      200: ['RFC 7517 key set', 'JsonWebKeySet'],
      404: ['HS* algorithms have no public key', E],
    },
  },
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
    summary: "The principal of the caller's token (example host route)",
    bearer: true,
    responses: { 200: ['the principal', null], 401: UNAUTHORIZED },
  },
};
