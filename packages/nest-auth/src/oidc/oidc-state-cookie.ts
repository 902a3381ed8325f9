import { parse, serialize } from 'cookie';
import type { AuthConfig } from '../settings/auth-config';

/** Binds a started sign-in to the browser that started it (login CSRF, code injection). */
export const OIDC_STATE_COOKIE = 'lex_oidc_state';
const COOKIE_PATH = '/auth/oidc';

/** What controllers need of an Express or Fastify response. */
export interface HeaderResponse {
  header(name: string, value: string): unknown;
}

/** HttpOnly; SameSite=Lax so the provider's redirect back (a top-level GET) carries it. */
export function setStateCookie(res: HeaderResponse, state: string, config: AuthConfig): void {
  res.header(
    'Set-Cookie',
    serialize(OIDC_STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.oidc.redirectBaseUrl.startsWith('https:'),
      path: COOKIE_PATH,
      maxAge: config.oidc.stateTtlSeconds,
    }),
  );
}

export function clearStateCookie(res: HeaderResponse, config: AuthConfig): void {
  res.header(
    'Set-Cookie',
    serialize(OIDC_STATE_COOKIE, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.oidc.redirectBaseUrl.startsWith('https:'),
      path: COOKIE_PATH,
      maxAge: 0,
    }),
  );
}

export function stateCookieOf(
  headers: Record<string, string | string[] | undefined>,
): string | null {
  const header = headers.cookie;
  if (typeof header !== 'string') return null;
  return parse(header)[OIDC_STATE_COOKIE] ?? null;
}
