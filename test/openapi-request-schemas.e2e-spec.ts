import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { bearer, login, PASSWORD, registerAndLogin } from './support/auth-client';
import { listenOnLoopback, sendRaw } from './support/raw-http';
import { startTestApp, type TestApp } from './support/test-app';

type Body = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown> };
}

const EMAIL = 'request-schemas@example.com';
const UUID = '0b7e9c4e-1d1f-4d5e-9a43-3f3c0a1e2b7d';
const long = (n: number) => 'x'.repeat(n);
const b64 = 'AAAA';
const credential = (response: Body, extra: Body = {}) => ({
  id: b64,
  rawId: b64,
  type: 'public-key',
  clientExtensionResults: {},
  response,
  ...extra,
});
const attestation = { clientDataJSON: b64, attestationObject: b64 };
const assertion = { clientDataJSON: b64, authenticatorData: b64, signature: b64 };
let serial = 0;
const fresh = () => `schemas-${(serial += 1)}@example.com`;

/**
 * For every request body of the module: one the schema accepts, and bodies the API refuses
 * with 400 for a rule the published schema must carry too (format, pattern, lengths, ranges,
 * required, unknown fields, mutually exclusive fields).
 */
const TABLE: Record<string, { valid: () => Body; refused: [string, Body][] }> = {
  'POST /auth/register': {
    valid: () => ({ email: fresh(), password: PASSWORD }),
    refused: [
      ['not an email', { email: 'not-an-email', password: PASSWORD }],
      ['no domain dot', { email: 'a@b', password: PASSWORD }],
      ['email over 320', { email: `${long(314)}@ex.com`, password: PASSWORD }],
      ['empty password', { email: fresh(), password: '' }],
      ['password over 1024', { email: fresh(), password: long(1025) }],
      ['no password', { email: fresh() }],
      ['unknown field', { email: fresh(), password: PASSWORD, admin: true }],
    ],
  },
  'POST /auth/login': {
    valid: () => ({ email: EMAIL, password: PASSWORD }),
    refused: [
      ['email under 3', { email: 'ab', password: PASSWORD }],
      ['empty password', { email: EMAIL, password: '' }],
      ['mistyped', { email: 42, password: PASSWORD }],
    ],
  },
  'POST /auth/refresh': {
    valid: () => ({ refresh_token: 'x' }),
    refused: [
      ['empty', { refresh_token: '' }],
      ['over 8192', { refresh_token: long(8193) }],
      ['missing', {}],
    ],
  },
  'POST /auth/logout': {
    valid: () => ({}),
    refused: [
      ['empty token', { refresh_token: '' }],
      ['unknown field', { everywhere: true }],
    ],
  },
  'POST /auth/password': {
    valid: () => ({ currentPassword: 'not the password', newPassword: PASSWORD }),
    refused: [
      ['new over 1024', { currentPassword: PASSWORD, newPassword: long(1025) }],
      ['no current', { newPassword: PASSWORD }],
    ],
  },
  'POST /auth/api-keys': {
    valid: () => ({ name: 'ci', scopes: [], expiresInDays: 30 }),
    refused: [
      ['a space in a scope', { name: 'k', scopes: ['posts read'] }],
      ['a wildcard inside a name', { name: 'k', scopes: ['po*st'] }],
      ['an empty segment', { name: 'k', scopes: ['a..b'] }],
      ['a leading dot', { name: 'k', scopes: ['.a'] }],
      ['a scope over 200', { name: 'k', scopes: [long(201)] }],
      ['51 scopes', { name: 'k', scopes: Array.from({ length: 51 }, (_, i) => `s${i}.read`) }],
      ['empty name', { name: '' }],
      ['name over 100', { name: long(101) }],
      [
        'expiresAt and expiresInDays',
        { name: 'k', expiresAt: '2099-01-01T00:00:00Z', expiresInDays: 5 },
      ],
      ['0 days', { name: 'k', expiresInDays: 0 }],
      ['3651 days', { name: 'k', expiresInDays: 3651 }],
      ['1.5 days', { name: 'k', expiresInDays: 1.5 }],
      ['not a date-time', { name: 'k', expiresAt: 'tomorrow' }],
      ['no offset', { name: 'k', expiresAt: '2099-01-01T00:00:00' }],
    ],
  },
  'POST /auth/mfa/totp/confirm': {
    valid: () => ({ password: PASSWORD, code: '123456' }),
    refused: [
      ['code under 6', { password: PASSWORD, code: '12345' }],
      ['code over 64', { password: PASSWORD, code: long(65) }],
      ['empty password', { password: '', code: '123456' }],
    ],
  },
  'POST /auth/mfa/totp/disable': {
    valid: () => ({ password: PASSWORD, code: '123456' }),
    refused: [['no code', { password: PASSWORD }]],
  },
  'POST /auth/mfa/recovery-codes': {
    valid: () => ({ code: '123456' }),
    refused: [['empty code', { code: '' }]],
  },
  'POST /auth/mfa/verify': {
    valid: () => ({ challenge: long(16), code: '123456' }),
    refused: [
      ['challenge under 16', { challenge: 'short', code: '123456' }],
      ['challenge over 128', { challenge: long(129), code: '123456' }],
    ],
  },
  'POST /auth/password/forgot': {
    valid: () => ({ email: EMAIL }),
    refused: [['not an email', { email: 'nope' }]],
  },
  'POST /auth/password/reset': {
    valid: () => ({ token: 'x', newPassword: PASSWORD }),
    refused: [
      ['empty password', { token: 'x', newPassword: '' }],
      ['token over 512', { token: long(513), newPassword: PASSWORD }],
    ],
  },
  'POST /auth/verify-email': {
    valid: () => ({ token: 'x' }),
    refused: [['empty token', { token: '' }]],
  },
  'POST /auth/verify-email/resend': {
    valid: () => ({ email: EMAIL }),
    refused: [['not an email', { email: 'nope@' }]],
  },
  'POST /auth/oidc/token': {
    valid: () => ({ code: 'x' }),
    refused: [
      ['empty code', { code: '' }],
      ['code over 200', { code: long(201) }],
    ],
  },
  'POST /auth/oidc/{provider}/link': {
    valid: () => ({ redirect: '/account' }),
    refused: [
      ['redirect over 2000', { redirect: long(2001) }],
      ['mistyped redirect', { redirect: 5 }],
    ],
  },
  'POST /auth/passkeys/registration/verify': {
    valid: () => ({ response: credential(attestation), name: 'laptop' }),
    refused: [
      ['not public-key', { response: credential(attestation, { type: 'password' }) }],
      ['not base64url', { response: credential(attestation, { id: 'not base64url!' }) }],
      ['name over 100', { response: credential(attestation), name: long(101) }],
      ['no response', { name: 'laptop' }],
    ],
  },
  'POST /auth/passkeys/authentication/options': {
    valid: () => ({}),
    refused: [
      ['empty challenge', { mfaChallenge: '' }],
      ['challenge over 200', { mfaChallenge: long(201) }],
    ],
  },
  'POST /auth/passkeys/authentication/verify': {
    valid: () => ({ challengeId: UUID, response: credential(assertion) }),
    refused: [
      ['not a uuid', { challengeId: 'not-a-uuid', response: credential(assertion) }],
      [
        'no signature',
        { challengeId: UUID, response: credential({ ...assertion, signature: undefined }) },
      ],
    ],
  },
  'PATCH /auth/passkeys/{id}': {
    valid: () => ({ name: 'phone' }),
    refused: [
      ['empty name', { name: '' }],
      ['name over 100', { name: long(101) }],
      ['no name', {}],
    ],
  },
};

describe("The published request schemas refuse what the module's validation refuses", () => {
  let t: TestApp;
  let port: number;
  let document: Document;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    t = await startTestApp({
      adapter: 'fastify',
      env: {
        LEX_AUTH__MAX_FAILED_ATTEMPTS: '1000',
        LEX_AUTH__MAIL__RATE_LIMIT: '100000/minute',
      },
    });
    port = await listenOnLoopback(t.app);
    await registerAndLogin(t.http, EMAIL);
    document = (await t.http.get('/docs-json').expect(200)).body as Document;
    ajv.addSchema({ $id: 'openapi', components: document.components });
  });
  afterAll(() => t?.close());

  const schemaOf = (key: string): { $ref: string } => {
    const [method, path] = key.split(' ');
    const body = document.paths[path]?.[method.toLowerCase()]?.requestBody as {
      content: Record<string, { schema: { $ref: string } }>;
    };
    return { $ref: body.content['application/json'].schema.$ref.replace('#', 'openapi#') };
  };

  const send = async (key: string, body: Body) => {
    const [method, path] = key.split(' ');
    const secured = document.paths[path][method.toLowerCase()].security !== undefined;
    const auth = secured ? bearer((await login(t.http, EMAIL)).access_token) : {};
    return sendRaw(port, {
      method,
      path: path.replace(/\{[^}]+\}/g, UUID),
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(body),
    });
  };

  it("covers every request body of the module's routes in the document", () => {
    const withBody = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation.requestBody && path.startsWith('/auth/'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(withBody.sort()).toEqual(Object.keys(TABLE).sort());
  });

  it.each(Object.keys(TABLE))(
    '%s: ajv refuses what the API refuses, and accepts a valid body',
    async (key) => {
      const { valid, refused } = TABLE[key];
      const schema = schemaOf(key);
      const good = valid();
      expect([key, ajv.validate(schema, good) ? [] : ajv.errors]).toEqual([key, []]);
      const answer = await send(key, good);
      expect([key, (answer.body as { error?: string } | undefined)?.error]).not.toEqual([
        key,
        'RequestValidationError',
      ]);
      for (const [label, body] of refused) {
        const res = await send(key, body);
        expect([key, label, res.status]).toEqual([key, label, 400]);
        expect([key, label, ajv.validate(schema, body)]).toEqual([key, label, false]);
      }
    },
  );
});
