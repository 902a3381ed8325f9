import { InvalidTokenError } from '../errors/auth.errors';
import type { AuthenticatableRequest } from './authenticator.protocol';

/** The `Bearer` scheme (any case, RFC 7235 §2.1), then the rest of the header. */
const BEARER_SCHEME = /^bearer(?:\s|$)/i;
/** RFC 6750 §2.1: `Bearer` 1*SP b64token, and nothing after it. */
const BEARER_CREDENTIALS = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The access token of an `Authorization: Bearer` header.
 * @returns the token, or null when the request sends no Authorization header or another scheme
 * @throws InvalidTokenError (malformed) for a Bearer header that is not exactly one b64token:
 *   `Bearer <token> junk`, an empty token, characters outside b64token, or repeated headers
 */
export function bearerTokenOf(authorization: string | string[] | undefined): string | null {
  if (authorization === undefined) return null;
  if (Array.isArray(authorization)) {
    if (!authorization.some((value) => BEARER_SCHEME.test(value))) return null;
    throw malformedHeader();
  }
  if (!BEARER_SCHEME.test(authorization)) return null;
  const match = BEARER_CREDENTIALS.exec(authorization);
  if (!match) throw malformedHeader();
  return match[1];
}

/**
 * The request's Authorization header, or every one of them when it came more than once: Node
 * keeps only the first in `headers`, and a proxy in front may have read another, so a repeated
 * header must be seen (and refused) rather than silently resolved.
 */
export function authorizationOf(request: AuthenticatableRequest): string | string[] | undefined {
  const raw = request.rawHeaders ?? request.raw?.rawHeaders;
  if (raw) {
    let values: string[] | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i].length === 13 && raw[i].toLowerCase() === 'authorization') {
        (values ??= []).push(raw[i + 1]);
      }
    }
    if (values && values.length > 1) return values;
  }
  return request.headers.authorization;
}

const malformedHeader = () =>
  new InvalidTokenError(
    'The Authorization header is malformed: send exactly "Bearer <access token>" (RFC 6750).',
    'malformed',
  );
