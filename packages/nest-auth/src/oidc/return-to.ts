/**
 * The page to send the browser to after a sign-in: `redirect` when it is a path on the post-login
 * page's origin, else the post-login page. Never another origin, so the route is no open redirect.
 */
export function returnToOf(redirect: unknown, postLoginUrl: string): string {
  const fallback = new URL(postLoginUrl);
  if (typeof redirect !== 'string' || !/^\/(?![/\\])/.test(redirect) || redirect.length > 2000)
    return fallback.href;
  const target = new URL(redirect, fallback.origin);
  return target.origin === fallback.origin ? target.href : fallback.href;
}

/** `page` with one query parameter added. */
export function withParameter(page: string, name: string, value: string): string {
  const url = new URL(page);
  url.searchParams.set(name, value);
  return url.href;
}
