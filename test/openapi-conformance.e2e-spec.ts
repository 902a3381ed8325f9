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

  const sendAll = async (
    adapter: HttpAdapterName,
    path: string,
    method: string,
    operation: Operation,
  ) => {
    const { t, port } = apps[adapter];
    const statuses: number[] = [];
    for (const body of await bodies(path, operation)) {
      const headers: Record<string, string> =
        body === undefined ? {} : { 'content-type': 'application/json' };
      if (operation.security)
        Object.assign(headers, bearer((await login(t.http, EMAIL)).access_token));
      const url = path.replace(/\{[^}]+\}/g, UUID);
      const res = await sendRaw(port, { method: method.toUpperCase(), path: url, headers, body });
      check(res, operation, `${adapter} ${method} ${path} ${body ?? '(no body)'}`);
      statuses.push(res.status);
    }
    return statuses;
  };

  it('answers every generated request with a documented status and a body matching its schema', async () => {
    let cases = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const fastify = await sendAll('fastify', path, method, operation);
        const express = await sendAll('express', path, method, operation);
        expect([method, path, express]).toEqual([method, path, fastify]);
        cases += fastify.length + express.length;
      }
    }
    expect(cases).toBeGreaterThan(100);
  }, 60_000);
});
