import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { PAGES_HTML_PATHS } from '../../pages/page-files';
import {
  pagesEmptySchema,
  pagesLoginSchema,
  pagesMfaSchema,
  pagesPasskeySchema,
} from '../../pages/pages-session.schemas';
import type { RouteDoc } from './route-doc';

const E = 'ErrorBody';
const CROSS_SITE: [string, string] = [
  'CrossSiteRequestError: no X-Lexigram-Pages: 1 header, an Origin that is not this host, ' +
    'or Sec-Fetch-Site other than same-origin (CSRF defence; checked first)',
  E,
];
const BAD_REQUEST: [string, string] = ['malformed JSON, missing, mistyped or unknown fields', E];
const UNAVAILABLE: [string, string] = ['a store did not answer; Retry-After', E];
const SET_COOKIE = 'the access token; the refresh token goes to the HttpOnly cookie (Set-Cookie)';

/**
 * The example host's page routes (src/pages). Only the JSON session routes are in the API
 * document; the HTML pages and their assets (`PAGES_HTML_PATHS`) are left out on purpose: they
 * are for people, not API clients, and answer `text/html`, never JSON.
 */
export const PAGES_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /pages/session/login': {
    tag: 'pages',
    summary: 'The sign-in page: password login that keeps the refresh token in a cookie',
    body: 'PagesLoginRequest',
    responses: {
      200: [SET_COOKIE, 'PagesAccess'],
      400: BAD_REQUEST,
      401: ['InvalidCredentialsError; or MfaRequiredError with mfaChallenge', E],
      403: [`${CROSS_SITE[0]}; or EmailNotVerifiedError`, E],
      423: ['AccountLockedError: too many failures; Retry-After', E],
      429: ['LoginRateLimitError or LoginAttemptsBusyError; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /pages/session/mfa': {
    tag: 'pages',
    summary: 'The sign-in page: the MFA step (TOTP or recovery code) into the cookie session',
    body: 'PagesMfaRequest',
    responses: {
      200: [SET_COOKIE, 'PagesAccess'],
      400: BAD_REQUEST,
      401: ['InvalidMfaCodeError: wrong or used code, or a gone challenge', E],
      403: CROSS_SITE,
      404: ['FeatureDisabledError: mfa.enabled is false', E],
      423: ['AccountLockedError: too many wrong codes; Retry-After', E],
      429: ['LoginRateLimitError: too many requests from this client; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /pages/session/passkey': {
    tag: 'pages',
    summary: 'The sign-in page: a passkey answer (first or second factor) into the cookie session',
    body: 'PagesPasskeyRequest',
    responses: {
      200: [SET_COOKIE, 'PagesAccess'],
      400: BAD_REQUEST,
      401: ['InvalidPasskeyError: the answer did not verify (one body for every reason)', E],
      403: [`${CROSS_SITE[0]}; or EmailNotVerifiedError`, E],
      404: ['FeatureDisabledError: passkeys (or that use of them) are off or not mounted', E],
      423: ['AccountLockedError: too many failed logins of the account; Retry-After', E],
      429: ['LoginRateLimitError: too many requests from this client; Retry-After', E],
      503: UNAVAILABLE,
    },
  },
  'POST /pages/session/refresh': {
    tag: 'pages',
    summary: "Spend the cookie's refresh token (rotated) for an access token",
    body: 'PagesEmptyRequest',
    responses: {
      200: [SET_COOKIE, 'PagesAccess'],
      400: BAD_REQUEST,
      401: ['InvalidTokenError: no cookie; or a bad, spent (reuse) or revoked refresh token', E],
      403: CROSS_SITE,
      503: UNAVAILABLE,
    },
  },
  'POST /pages/session/logout': {
    tag: 'pages',
    summary: 'Drop the cookie (the page ends the session with POST /auth/logout first)',
    body: 'PagesEmptyRequest',
    responses: { 204: ['the cookie is cleared', null], 400: BAD_REQUEST, 403: CROSS_SITE },
  },
};

const fromZod = (schema: z.ZodType): SchemaObject =>
  z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;

export const PAGES_SCHEMAS: Record<string, SchemaObject> = {
  PagesLoginRequest: fromZod(pagesLoginSchema),
  PagesMfaRequest: fromZod(pagesMfaSchema),
  PagesPasskeyRequest: fromZod(pagesPasskeySchema),
  PagesEmptyRequest: fromZod(pagesEmptySchema),
  PagesAccess: {
    type: 'object',
    required: ['access_token', 'token_type', 'expires_in'],
    additionalProperties: false,
    properties: {
      access_token: { type: 'string', description: 'JWT, typ at+jwt; keep it in memory only' },
      token_type: { type: 'string', enum: ['Bearer'] },
      expires_in: { type: 'integer', description: 'seconds until the access token expires' },
    },
  },
};

/** Whether a path of Nest's scan is one of the pages' HTML routes (not in the API document). */
export const isPageHtmlPath = (path: string): boolean => PAGES_HTML_PATHS.includes(path);
