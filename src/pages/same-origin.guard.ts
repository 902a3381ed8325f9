import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { CrossSiteRequestError } from './cross-site-request.error';

/** The header the pages' script sends; a cross-origin form or `fetch` cannot send it unpreflighted. */
export const PAGES_HEADER = 'x-lexigram-pages';

interface HeaderRequest {
  headers: Record<string, string | string[] | undefined>;
}

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? undefined : value;

/**
 * CSRF defence of the routes that read or set the refresh cookie, on top of its SameSite=Strict:
 * the custom header (a cross-site form cannot set one, a cross-site `fetch` with one needs a CORS
 * preflight this app never grants), `Sec-Fetch-Site` when the browser sends it, and an `Origin`
 * whose host is the `Host` the request was sent to (what a browser sends for every POST).
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<HeaderRequest>();
    if (single(headers[PAGES_HEADER]) !== '1') {
      throw new CrossSiteRequestError(`the ${PAGES_HEADER}: 1 header is missing.`);
    }
    const site = single(headers['sec-fetch-site']);
    if (site !== undefined && site !== 'same-origin') {
      throw new CrossSiteRequestError(`Sec-Fetch-Site is ${site}.`);
    }
    const origin = single(headers.origin);
    const host = single(headers.host);
    if (!origin || !host || hostOf(origin) !== host.toLowerCase()) {
      throw new CrossSiteRequestError('the Origin header is missing or not this site.');
    }
    return true;
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // `null` (an opaque origin) and garbage alike
  }
}
