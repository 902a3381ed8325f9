import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file the pages serve, read once at boot. */
export interface PageFile {
  contentType: string;
  body: string;
}

/** The page paths (as the emailed links open them) and their HTML file in `static/`. */
export const PAGE_ROUTES = {
  'sign-in': 'sign-in.html',
  register: 'register.html',
  'forgot-password': 'forgot-password.html',
  'reset-password': 'reset-password.html',
  'verify-email': 'verify-email.html',
  account: 'account.html',
} as const;

export type PagePath = keyof typeof PAGE_ROUTES;

/** The HTML routes as the OpenAPI scan names them: kept out of the API document. */
export const PAGES_HTML_PATHS: readonly string[] = [
  ...Object.keys(PAGE_ROUTES).map((path) => `/${path}`),
  '/pages/assets/{name}',
];

/** Served under `/pages/assets/`: a fixed list, so no request names a path on disk. */
const ASSETS = [
  'pages.css',
  'common.js',
  'session.js',
  'sign-in.js',
  'register.js',
  'forgot-password.js',
  'reset-password.js',
  'verify-email.js',
  'account.js',
  'account-sessions.js',
  'account-mfa.js',
  'account-api-keys.js',
  'account-passkeys.js',
  'passkeys.js',
] as const;

/**
 * @simplewebauthn/browser's own UMD bundle (it defines `SimpleWebAuthnBrowser`), served as is from
 * node_modules: the WebAuthn JSON encoding is the library's, not ours.
 */
const WEBAUTHN_BROWSER = join(
  dirname(require.resolve('@simplewebauthn/browser')),
  '..',
  'dist',
  'bundle',
  'index.umd.min.js',
);
export const WEBAUTHN_ASSET = 'simplewebauthn-browser.js';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** Where the files are: next to this module, in the source tree and in `dist/` (nest-cli assets). */
export const STATIC_DIR = join(__dirname, 'static');

function load(name: string, path = join(STATIC_DIR, name)): PageFile {
  const extension = name.slice(name.lastIndexOf('.') + 1);
  return { contentType: TYPES[extension], body: readFileSync(path, 'utf8') };
}

/** Every page and asset, read at boot: a missing file stops the app, not a visitor. */
export class PageFiles {
  readonly pages = new Map<PagePath, PageFile>();
  readonly assets = new Map<string, PageFile>();

  constructor() {
    for (const [path, file] of Object.entries(PAGE_ROUTES))
      this.pages.set(path as PagePath, load(file));
    for (const name of ASSETS) this.assets.set(name, load(name));
    this.assets.set(WEBAUTHN_ASSET, load(WEBAUTHN_ASSET, WEBAUTHN_BROWSER));
  }
}
