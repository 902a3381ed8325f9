/**
 * The pages' Content-Security-Policy: only this origin's scripts, styles and fetches, `data:`
 * images (the TOTP QR code), no inline script or style, no framing, no `<base>`, forms posting
 * only here. A script injected into a page has nowhere to load from or send to.
 */
export const PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * Headers of every page and asset. `no-referrer`: the reset and verification pages carry a
 * one-time token in their URL, which must not leak to another site through `Referer`.
 * `no-store`: a page that showed a recovery code or an API key must not come back from a cache.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGES_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
