import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { HttpAdapterName } from '../src/config/app-config';
import { bearer, login, registerAndLogin } from './support/auth-client';
import { captureLogs, type LogCapture } from './support/log-capture';
import { listenOnLoopback, type RawRequest, type RawResponse, sendRaw } from './support/raw-http';
import { startTestApp, tempDbPath, type TestApp } from './support/test-app';

const ADAPTERS: HttpAdapterName[] = ['express', 'fastify'];
const EMAIL = 'abuse@example.com';
const JSON_TYPE = { 'content-type': 'application/json' };
const REFRESH = Buffer.from('{"refresh_token":"not-a-token"}');
const nested = (depth: number) => `{"refresh_token":${'['.repeat(depth)}${']'.repeat(depth)}}`;

interface Case {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  chunked?: boolean;
  /** Send a fresh access token of the user (logout spends it). */
  bearer?: boolean;
  status: number;
  error?: string;
  allow?: string;
}

// Refresh answers a well-formed body with 401 (unknown token) and has no side effects, so any
// other status comes from the body rule. Logout takes an optional body behind a bearer token.
const encoded = (coding: string, body: Buffer | string): Case => ({
  name: `Content-Encoding: ${coding}`,
  headers: { ...JSON_TYPE, 'content-encoding': coding },
  body,
  status: 415,
  error: 'UnsupportedMediaTypeError',
});
const typed = (contentType: string, body: Buffer | string = REFRESH): Case => ({
  name: `Content-Type: ${contentType}`,
  headers: { 'content-type': contentType },
  body,
  status: 415,
  error: 'UnsupportedMediaTypeError',
});
const invalid = (name: string, body: Buffer | string, error = 'RequestValidationError'): Case => ({
  name,
  headers: JSON_TYPE,
  body,
  status: 400,
  error,
});

const TABLE: Case[] = [
  { name: 'a well-formed JSON body', headers: JSON_TYPE, body: REFRESH, status: 401 },
  {
    ...encoded('identity', REFRESH),
    name: 'Content-Encoding: identity',
    status: 401,
    error: 'InvalidTokenError',
  },
  { ...typed('application/json; charset=utf-8'), status: 401, error: 'InvalidTokenError' },
  { ...typed('Application/JSON; charset="UTF-8"'), status: 401, error: 'InvalidTokenError' },
  { ...encoded('gzip', gzipSync(REFRESH)), name: 'gzip, valid' },
  { ...encoded('gzip', gzipSync(REFRESH).subarray(0, 12)), name: 'gzip, truncated' },
  { ...encoded('gzip', REFRESH), name: 'gzip, but the body is plain JSON' },
  { ...encoded('deflate', deflateSync(REFRESH)), name: 'deflate, valid' },
  { ...encoded('deflate', REFRESH), name: 'deflate, but the body is plain JSON' },
  { ...encoded('br', brotliCompressSync(REFRESH)), name: 'br, valid' },
  { ...encoded('br', brotliCompressSync(REFRESH).subarray(0, 5)), name: 'br, truncated' },
  encoded('compress', REFRESH),
  encoded('gzip, identity', gzipSync(REFRESH)),
  typed('application/json; charset=utf-16', Buffer.from(REFRESH.toString(), 'utf16le')),
  typed('application/json; charset=iso-8859-1'),
  typed('application/json; charset=us-ascii'),
  typed(
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="refresh_token"\r\n\r\nt\r\n--x--\r\n',
  ),
  typed('application/x-www-form-urlencoded', 'refresh_token=not-a-token'),
  typed('text/plain'),
  typed('application/vnd.api+json'),
  typed('application/jsonp'),
  {
    name: 'a body without Content-Type',
    body: REFRESH,
    status: 415,
    error: 'UnsupportedMediaTypeError',
  },
  invalid('an empty JSON body (refresh needs one)', ''),
  { name: 'no body at all', status: 400, error: 'RequestValidationError' },
  invalid('null', 'null'),
  invalid('an empty array', '[]'),
  invalid('an array holding the right object', '[{"refresh_token":"not-a-token"}]'),
  invalid('a number', '42'),
  invalid('a string', '"not-a-token"'),
  invalid('true', 'true'),
  invalid('whitespace only', '   '),
  invalid('truncated JSON', '{"refresh_token":'),
  invalid('bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
  invalid('a __proto__ key', '{"refresh_token":"x","__proto__":{"admin":true}}'),
  invalid('a constructor.prototype key', '{"constructor":{"prototype":{"admin":true}}}'),
  invalid('arrays nested 5000 deep', nested(5000)),
  invalid('objects nested 1000 deep', `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`),
  {
    ...invalid('one byte over 16 KiB', `{"refresh_token":"${'x'.repeat(16 * 1024)}"}`),
    status: 413,
    error: 'PayloadTooLargeError',
  },
  {
    ...invalid('a chunked body over 16 KiB', `{"refresh_token":"${'x'.repeat(20_000)}"}`),
    chunked: true,
    status: 413,
    error: 'PayloadTooLargeError',
  },
  {
    name: 'a chunked body within the limit',
    headers: JSON_TYPE,
    body: REFRESH,
    chunked: true,
    status: 401,
  },
  // Logout: bearer, optional body; an absent or empty body is `{}` on both platforms.
  { name: 'logout, no body', path: '/auth/logout', bearer: true, status: 204 },
  {
    name: 'logout, empty JSON body',
    path: '/auth/logout',
    headers: JSON_TYPE,
    body: '',
    bearer: true,
    status: 204,
  },
  {
    name: 'logout, {}',
    path: '/auth/logout',
    headers: JSON_TYPE,
    body: '{}',
    bearer: true,
    status: 204,
  },
  { ...invalid('logout, null', 'null'), path: '/auth/logout', bearer: true },
  { ...invalid('logout, []', '[]'), path: '/auth/logout', bearer: true },
  { ...encoded('gzip', gzipSync('{}')), name: 'logout, gzip', path: '/auth/logout', bearer: true },
  {
    ...typed('application/x-www-form-urlencoded', 'x=1'),
    name: 'logout, a form',
    path: '/auth/logout',
    bearer: true,
  },
  // Methods a known path does not answer: 405 with Allow, before the body is read.
  {
    name: 'PUT /auth/login',
    method: 'PUT',
    path: '/auth/login',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'POST',
  },
  {
    name: 'GET /auth/refresh',
    method: 'GET',
    path: '/auth/refresh',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'POST',
  },
  { name: 'HEAD /auth/refresh', method: 'HEAD', path: '/auth/refresh', status: 405, allow: 'POST' },
  {
    name: 'OPTIONS /auth/refresh',
    method: 'OPTIONS',
    path: '/auth/refresh',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'POST',
  },
  {
    name: 'DELETE /auth/me',
    method: 'DELETE',
    path: '/auth/me',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'GET, HEAD',
  },
  {
    name: 'POST /health/live',
    method: 'POST',
    path: '/health/live',
    headers: JSON_TYPE,
    body: '{}',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'GET, HEAD',
  },
  {
    name: 'POST /metrics',
    method: 'POST',
    path: '/metrics',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'GET, HEAD',
  },
  {
    name: 'PATCH /auth/sessions/:id',
    method: 'PATCH',
    path: '/auth/sessions/0b7e9c4e-1d1f-4d5e-9a43-3f3c0a1e2b7d',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'DELETE',
  },
  {
    ...encoded('gzip', gzipSync(REFRESH)),
    name: 'PUT /auth/refresh with a gzip body',
    method: 'PUT',
    status: 405,
    error: 'MethodNotAllowedError',
    allow: 'POST',
  },
  {
    name: 'GET of an unknown path',
    method: 'GET',
    path: '/no/such/route',
    status: 404,
    error: 'NotFoundException',
  },
  {
    ...encoded('gzip', gzipSync(REFRESH)),
    name: 'POST of an unknown path with a gzip body',
    path: '/no/such/route',
  },
];

// The answer's parts a client can tell apart; Date, Content-Length and the like may differ.
const HEADERS = ['content-type', 'allow', 'retry-after', 'www-authenticate', 'cache-control'];
const comparable = (res: RawResponse) => ({
  status: res.status,
  headers: Object.fromEntries(HEADERS.map((name) => [name, res.headers[name]])),
  text: res.text,
});

describe('Request bodies and methods: one rule, the same answer on Express and Fastify', () => {
  const apps = {} as Record<HttpAdapterName, { t: TestApp; port: number }>;
  const dbPath = tempDbPath();

  beforeAll(async () => {
    // One database for both: passport's strategy registry is global to the process, so the
    // `lex-local` strategy of the app booted last logs in for both.
    for (const adapter of ADAPTERS) {
      const t = await startTestApp({ adapter, dbPath });
      apps[adapter] = { t, port: await listenOnLoopback(t.app) };
    }
    await registerAndLogin(apps.express.t.http, EMAIL);
  });
  afterAll(async () => {
    await Promise.all(ADAPTERS.map((adapter) => apps[adapter]?.t.close()));
    rmSync(dirname(dbPath), { recursive: true, force: true });
  });

  const send = async (adapter: HttpAdapterName, c: Case): Promise<RawResponse> => {
    const { t, port } = apps[adapter];
    const headers = { ...c.headers };
    if (c.bearer)
      headers.authorization = bearer((await login(t.http, EMAIL)).access_token).Authorization;
    const raw: RawRequest = {
      method: c.method ?? 'POST',
      path: c.path ?? '/auth/refresh',
      headers,
      body: c.body,
      chunked: c.chunked,
    };
    return sendRaw(port, raw);
  };

  it.each(TABLE.map((c) => [c.name, c.status, c] as const))('%s → %i', async (_name, status, c) => {
    const [express, fastify] = await Promise.all(ADAPTERS.map((adapter) => send(adapter, c)));

    expect(comparable(fastify)).toEqual(comparable(express));
    expect(express.status).toBe(status);
    if (c.allow) expect(express.headers.allow).toBe(c.allow);
    if (status === 204 || c.method === 'HEAD') return expect(express.text).toBe('');
    expect(express.body).toEqual({
      statusCode: status,
      error: c.error ?? expect.any(String),
      message: expect.any(String),
    });
    expect(express.text).not.toMatch(/not-a-token|admin|\bat .+\.(ts|js):\d+/);
  });

  it('refuses a repeated Authorization header (Node would keep only the first) on both', async () => {
    for (const adapter of ADAPTERS) {
      const { t, port } = apps[adapter];
      const token = (await login(t.http, EMAIL)).access_token;
      const twice = (authorization: string[]) =>
        sendRaw(port, { method: 'GET', path: '/auth/me', headers: { authorization } });

      const bearerTwice = await twice([`Bearer ${token}`, `Bearer ${token}`]);
      expect(bearerTwice.status).toBe(401);
      expect(bearerTwice.headers['www-authenticate']).toContain('error="invalid_token"');
      expect((await twice([`Bearer ${token}`, 'ApiKey lex_x_y'])).status).toBe(401);
      expect((await twice(['ApiKey lex_x_y', `Bearer ${token}`])).status).toBe(400);
      const once = await sendRaw(port, {
        method: 'GET',
        path: '/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(once.status).toBe(200);
    }
  });

  it('refuses a bearer logout with a null body (400) and leaves the token valid', async () => {
    for (const adapter of ADAPTERS) {
      const { t, port } = apps[adapter];
      const token = (await login(t.http, EMAIL)).access_token;
      const res = await sendRaw(port, {
        method: 'POST',
        path: '/auth/logout',
        headers: { ...JSON_TYPE, ...bearer(token) },
        body: 'null',
      });
      expect(res.status).toBe(400);
      await t.http.get('/auth/me').set(bearer(token)).expect(200);
    }
  });

  describe('a client that drops the connection mid-body', () => {
    let logs: LogCapture;
    beforeEach(() => (logs = captureLogs()));
    afterEach(() => logs.restore());

    const dropMidBody = (port: number) =>
      new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'POST /auth/refresh HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n',
          );
          socket.end('Content-Length: 1000\r\n\r\n{"refresh_token":"', () => socket.destroy());
        });
        socket.on('close', () => resolve());
      });

    it.each(ADAPTERS)(
      'is not an error in the log on %s, and the app keeps answering',
      async (adapter) => {
        const { t, port } = apps[adapter];
        for (let i = 0; i < 5; i += 1) await dropMidBody(port);
        // The next request is served after the dropped ones were handled on the server.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await t.http.get('/health/live').expect(200);
        expect(logs.calls('error')).toEqual([]);
        expect(JSON.stringify(logs.calls('warn'))).not.toMatch(/\bat .+\.(ts|js):\d+/);
      },
    );
  });
});
