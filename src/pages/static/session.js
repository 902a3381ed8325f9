// How the pages hold a session: the refresh token stays in an HttpOnly cookie that only
// /pages/session/* receives; the access token lives in this module's memory and nowhere else.
import { call, PAGES_HEADER } from './common.js';

let accessToken = null;

/** A sign-in step through the pages' session routes (login, mfa, passkey). */
export async function signInStep(step, body) {
  const result = await call('POST', `/pages/session/${step}`, { body, headers: PAGES_HEADER });
  if (result.ok) accessToken = result.body.access_token;
  return result;
}

/** Turns the cookie into a fresh access token; false when there is no live session. */
export async function resume() {
  const result = await call('POST', '/pages/session/refresh', { body: {}, headers: PAGES_HEADER });
  accessToken = result.ok ? result.body.access_token : null;
  return result.ok;
}

// The 401s that mean "this access token is no good", as opposed to a wrong password or code.
const TOKEN_ERRORS = new Set([
  'InvalidTokenError',
  'TokenExpiredError',
  'TokenBlacklistedError',
  'TokenAudienceError',
]);
const tokenRefused = (result) => result.status === 401 && TOKEN_ERRORS.has(result.body?.error);

/**
 * A JSON API call with the access token. A refused token gets one refresh and one retry (the
 * access token is short-lived); refused again, the session is gone and the page goes to sign-in.
 */
export async function api(method, path, body) {
  let result = await call(method, path, { body, token: accessToken });
  if (tokenRefused(result) && (await resume())) {
    result = await call(method, path, { body, token: accessToken });
  }
  if (tokenRefused(result)) goToSignIn('Your session has ended. Please sign in again.');
  return result;
}

/** Ends the session on the server (this one, or all of them), then drops the cookie. */
export async function signOut(everywhere = false) {
  await call('POST', everywhere ? '/auth/logout-all' : '/auth/logout', {
    body: {},
    token: accessToken,
  });
  await forget();
}

/** Drops the cookie and the access token without a server call (the session already ended). */
export async function forget() {
  accessToken = null;
  await call('POST', '/pages/session/logout', { body: {}, headers: PAGES_HEADER });
}

export function goToSignIn(notice) {
  const target = new URL('/sign-in', window.location.origin);
  if (notice) sessionStorage.setItem('lexigram-notice', notice);
  window.location.assign(target.pathname);
}

/** A notice another page left for the sign-in page (not in the URL, so no one can forge it). */
export function takeNotice() {
  const notice = sessionStorage.getItem('lexigram-notice');
  sessionStorage.removeItem('lexigram-notice');
  return notice;
}
