import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HttpAdapterName } from '../src/config/app-config';
import { bearer, login, PASSWORD, registerAndLogin } from './support/auth-client';
import { listenOnLoopback, type RawResponse, sendRaw } from './support/raw-http';
import { startTestApp, tempDbPath, type TestApp } from './support/test-app';

type Schema = Record<string, unknown>;
interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const ADAPTERS: HttpAdapterName[] = ['fastify', 'express'];
const EMAIL = 'conformance@example.com';
const UUID = '0b7e9c4e-1d1f-4d5e-9a43-3f3c0a1e2b7d';
let serial = 0;
// Values the app accepts, so valid requests reach the success answers (and their schemas) too.
const KNOWN: Record<string, unknown> = {
  email: EMAIL,
  password: PASSWORD,
  currentPassword: PASSWORD,
  newPassword: PASSWORD,
};

/** A value that satisfies `schema` (the subset of JSON Schema our zod schemas produce). */
function validValue(schema: Schema, components: Document['components']): unknown {
  if (typeof schema.$ref === 'string')
    return validValue(components.schemas[schema.$ref.split('/').pop()!], components);
  if (Array.isArray(schema.anyOf)) return validValue(schema.anyOf[0] as Schema, components);
  if (schema.type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = (schema.required ?? []) as string[];
    return Object.fromEntries(
      required.map((name) => [name, KNOWN[name] ?? validValue(properties[name], components)]),
    );
  }
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'array') return [];
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.format === 'email') return `conf-${(serial += 1)}@example.com`;
  return 'x'.repeat(Math.max(12, (schema.minLength as number) ?? 0));
}

describe('Every route answers as the OpenAPI document says, on Fastify and Express', () => {
  const apps = {} as Record<HttpAdapterName, { t: TestApp; port: number }>;
  const dbPath = tempDbPath();
  let document: Document;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    // One database: passport's strategies are global to the process (see body-abuse spec).
    for (const adapter of ADAPTERS) {
      const t = await startTestApp({
        adapter,
        dbPath,
        env: { LEX_AUTH__MAX_FAILED_ATTEMPTS: '1000' },
      });
      apps[adapter] = { t, port: await listenOnLoopback(t.app) };
    }
    await registerAndLogin(apps.fastify.t.http, EMAIL);
    document = (await apps.fastify.t.http.get('/docs-json').expect(200)).body as Document;
    ajv.addSchema({ $id: 'openapi', components: document.components });
  });
  afterAll(async () => {
    await Promise.all(ADAPTERS.map((adapter) => apps[adapter]?.t.close()));
    rmSync(dirname(dbPath), { recursive: true, force: true });
  });

  /** The bodies to send: a valid one, and invalid ones derived from the same schema. */
  const bodies = async (path: string, operation: Operation): Promise<(string | undefined)[]> => {
    const schema = operation.requestBody?.content['application/json']?.schema;
    if (!schema) return [undefined, '{"unexpected":true}'];
    KNOWN.refresh_token = (await login(apps.express.t.http, EMAIL)).refresh_token;
    KNOWN.email = path === '/auth/register' ? `conf-${(serial += 1)}@example.com` : EMAIL;
    const valid = validValue(schema, document.components) as Record<string, unknown>;
    const mistyped = Object.fromEntries(Object.keys(valid).map((key) => [key, 42]));
    return [
      JSON.stringify(valid),
      '{}',
      JSON.stringify(mistyped),
      JSON.stringify({ ...valid, extra: 1 }),
      'null',
      '{"a":',
    ];
  };

  const check = (res: RawResponse, operation: Operation, label: string): void => {
    const documented = operation.responses[String(res.status)];
    expect([label, res.status, documented ? 'documented' : 'undocumented']).toEqual([
      label,
      res.status,
      'documented',
    ]);
    expect(res.status).toBeLessThan(500);
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) return;
    const ref = String(schema.$ref).replace('#', 'openapi#');
    const valid = ajv.validate({ $ref: ref }, res.body);
    expect([label, valid ? [] : ajv.errors]).toEqual([label, []]);
  };

  /** A fresh identity-only API key of the user, revoked by the returned function. */
  const apiKeyOf = async (t: TestApp) => {
    const token = (await login(t.http, EMAIL)).access_token;
    const res = await t.http
      .post('/auth/api-keys')
      .set(bearer(token))
      .send({ name: 'conformance' })
      .expect(201);
    const { id, key } = res.body as { id: string; key: string };
    return {
      key,
      revoke: async () => {
        await t.http
          .delete(`/auth/api-keys/${id}`)
          .set(bearer((await login(t.http, EMAIL)).access_token));
      },
    };
  };

  /**
   * Beside the generated bodies: the credentials a secured route refuses or takes (none, a bad
   * token, an API key, two at once) and the bodies the host's body rule refuses (413, 415).
   */
  const variants = (operation: Operation, valid: string | undefined, key: string) => {
    const json = { 'content-type': 'application/json' };
    const withBody = valid === undefined ? {} : json;
    const out: { label: string; headers: Record<string, string>; body?: string; token?: true }[] =
      [];
    if (operation.security) {
      out.push(
        { label: 'no credentials', headers: withBody, body: valid },
        { label: 'a bad token', headers: { ...withBody, ...bearer('not.a.jwt') }, body: valid },
        { label: 'an API key', headers: { ...withBody, 'x-api-key': key }, body: valid },
        {
          label: 'two credentials',
          headers: { ...withBody, 'x-api-key': key },
          body: valid,
          token: true,
        },
      );
    }
    if (operation.requestBody) {
      const token = operation.security ? { token: true as const } : {};
      out.push(
        { label: 'text/plain', headers: { 'content-type': 'text/plain' }, body: 'hello', ...token },
        {
          label: 'over 16 KiB',
          headers: json,
          body: JSON.stringify({ pad: 'x'.repeat(17_000) }),
          ...token,
        },
      );
    }
    return out;
  };

  const sendAll = async (
    adapter: HttpAdapterName,
    path: string,
    method: string,
    operation: Operation,
  ) => {
    const { t, port } = apps[adapter];
    const url = path.replace(/\{[^}]+\}/g, UUID);
    const statuses: number[] = [];
    const send = async (label: string, headers: Record<string, string>, body?: string) => {
      const res = await sendRaw(port, { method: method.toUpperCase(), path: url, headers, body });
      check(res, operation, `${adapter} ${method} ${path} ${label}`);
      statuses.push(res.status);
    };
    const generated = await bodies(path, operation);
    for (const body of generated) {
      const headers: Record<string, string> =
        body === undefined ? {} : { 'content-type': 'application/json' };
      if (operation.security)
        Object.assign(headers, bearer((await login(t.http, EMAIL)).access_token));
      await send(body ?? '(no body)', headers, body);
    }
    const apiKey = await apiKeyOf(t);
    for (const variant of variants(operation, generated[0], apiKey.key)) {
      const token = variant.token ? bearer((await login(t.http, EMAIL)).access_token) : {};
      await send(variant.label, { ...variant.headers, ...token }, variant.body);
    }
    await apiKey.revoke();
    return statuses;
  };

  it('answers every generated request with a documented status and a body matching its schema', async () => {
    let cases = 0;
    const seen = new Set<number>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const fastify = await sendAll('fastify', path, method, operation);
        const express = await sendAll('express', path, method, operation);
        expect([method, path, express]).toEqual([method, path, fastify]);
        cases += fastify.length + express.length;
        for (const status of fastify) seen.add(status);
      }
    }
    expect(cases).toBeGreaterThan(500);
    // Success and error answers alike were checked against their schemas.
    expect([...seen]).toEqual(
      expect.arrayContaining([200, 201, 202, 204, 400, 401, 403, 404, 409, 413, 415]),
    );
  }, 180_000);

  // Answers the generated requests cannot reach: each status with its error body.
  it.each(ADAPTERS)(
    'answers conflicts and policy refusals as documented on %s',
    async (adapter) => {
      const { t, port } = apps[adapter];
      const token = (await login(t.http, EMAIL)).access_token;
      const cases: [string, string, Record<string, unknown>, number, Record<string, string>?][] = [
        ['post', '/auth/register', { email: EMAIL, password: PASSWORD }, 409],
        ['post', '/auth/register', { email: `weak-${adapter}@example.com`, password: 'a' }, 422],
        ['post', '/auth/login', { email: EMAIL, password: 'wrong password' }, 401],
        [
          'post',
          '/auth/api-keys',
          { name: 'both', expiresAt: '2099-01-01T00:00:00Z', expiresInDays: 5 },
          400,
          bearer(token),
        ],
        ['post', '/auth/api-keys', { name: 'admin', scopes: ['users.delete'] }, 403, bearer(token)],
      ];
      for (const [method, path, body, status, auth] of cases) {
        const res = await sendRaw(port, {
          method: method.toUpperCase(),
          path,
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(body),
        });
        const label = `${adapter} ${method} ${path} ${JSON.stringify(body)}`;
        expect([label, res.status]).toEqual([label, status]);
        check(res, document.paths[path][method], label);
      }
    },
  );
});
