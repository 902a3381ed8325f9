import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { addAuthRoutesToDocument, type OpenApiDocumentLike } from './add-auth-routes-to-document';
import { authOpenApiFeatures } from './auth-openapi-features';
import { authOpenApiPaths } from './auth-openapi-paths';
import { AUTH_ROUTES } from './auth-routes';

const ALL_ON = { oidc: true, passkeys: true };
const keysOf = (paths: Record<string, object>): string[] =>
  Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );

describe('authOpenApiPaths', () => {
  it("lists AuthModule's routes under /auth by default, not the feature modules'", () => {
    const keys = keysOf(authOpenApiPaths().paths);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /auth/login',
        'DELETE /auth/sessions/{id}',
        'POST /auth/api-keys',
        'POST /auth/mfa/verify',
        'POST /auth/password/forgot',
        'GET /.well-known/jwks.json',
      ]),
    );
    expect(keys.filter((k) => k.includes('/oidc/') || k.includes('/passkeys'))).toEqual([]);
  });

  it('lists every route of the three modules when all is on, each once', () => {
    const keys = keysOf(authOpenApiPaths({ features: ALL_ON }).paths);
    expect(keys).toHaveLength(AUTH_ROUTES.length);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('puts the routes under the base path given, the JWKS at its well-known path', () => {
    for (const basePath of ['accounts', '/accounts/', 'v1/accounts']) {
      const keys = keysOf(authOpenApiPaths({ basePath }).paths);
      const base = basePath.replace(/^\/|\/$/g, '');
      expect(keys).toContain(`POST /${base}/login`);
      expect(keys).toContain('GET /.well-known/jwks.json');
      expect(keys.filter((k) => k.includes(' /auth/'))).toEqual([]);
    }
  });

  it('leaves out the routes of a switched-off feature and their schemas', () => {
    const { paths, components } = authOpenApiPaths({
      features: { mfa: false, apiKeys: false, passwordReset: false, emailVerification: false },
    });
    expect(keysOf(paths).filter((k) => /mfa|api-keys|password\/|verify-email/.test(k))).toEqual([]);
    expect(Object.keys(components.schemas)).not.toContain('MfaVerifyRequest');
    expect(Object.keys(components.schemas)).not.toContain('CreatedApiKey');
  });

  it('resolves every $ref, and every schema compiles with ajv', () => {
    const document = authOpenApiPaths({ features: ALL_ON });
    const refs = JSON.stringify(document.paths).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs)
      expect(document.components.schemas[ref.split('/').pop()!]).toBeDefined();
    // A format ajv does not know is only a warning to it, and would check nothing.
    const fail = (message: string) => {
      throw new Error(message);
    };
    const ajv = new Ajv({
      strict: false,
      logger: { log: () => undefined, warn: fail, error: fail },
    });
    addFormats(ajv);
    for (const schema of Object.values(document.components.schemas))
      expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('documents path parameters, security, the error body and the two-credentials 400', () => {
    const { paths } = authOpenApiPaths();
    const revoke = paths['/auth/sessions/{id}'].delete!;
    expect(revoke.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(revoke.security).toEqual([{ bearer: [] }]);
    expect(revoke.responses['400'].description).toContain('two credentials');
    expect(paths['/auth/me'].get!.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(paths['/auth/login'].post!.security).toBeUndefined();
    expect(paths['/auth/login'].post!.responses['423'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } },
    });
  });

  it('keeps the validation constraints in the request schemas', () => {
    const { schemas } = authOpenApiPaths({ features: ALL_ON }).components;
    const props = (name: string) =>
      schemas[name].properties as Record<string, Record<string, unknown>>;
    expect(props('RegisterRequest').email).toMatchObject({ format: 'email', maxLength: 320 });
    expect(props('ForgotPasswordRequest').email).toMatchObject({ format: 'email' });
    expect(props('CreateApiKeyRequest').scopes).toMatchObject({
      maxItems: 50,
      items: { maxLength: 200, pattern: expect.stringContaining('[A-Za-z0-9_-]') },
    });
    expect(props('CreateApiKeyRequest').name).toMatchObject({ minLength: 1, maxLength: 100 });
    expect(schemas.CreateApiKeyRequest.not).toEqual({ required: ['expiresAt', 'expiresInDays'] });
    expect(schemas.LoginRequest.additionalProperties).toBe(false);
    expect(props('PasskeyAuthenticationVerifyRequest').challengeId).toMatchObject({
      format: 'uuid',
    });
  });
});

describe('addAuthRoutesToDocument', () => {
  const scanned = (): OpenApiDocumentLike => ({
    paths: {
      '/auth/login': { post: { responses: {} } },
      '/auth/mfa': { get: { responses: {} } },
      '/auth/passkeys/{id}': { delete: { responses: {} }, patch: { responses: {} } },
      '/health': { get: { summary: 'host', responses: {} } },
    },
    components: { schemas: { HealthResult: { type: 'object' } } },
  });

  it("replaces the scan's module operations, drops those switched off, keeps the host's", () => {
    const document = addAuthRoutesToDocument(scanned(), { features: { mfa: false } });
    expect(document.paths['/auth/login']).toMatchObject({ post: { tags: ['auth'] } });
    expect(document.paths['/auth/mfa']).toBeUndefined();
    expect(document.paths['/auth/passkeys/{id}']).toBeUndefined();
    expect(document.paths['/health']).toEqual({ get: { summary: 'host', responses: {} } });
    expect(document.components?.schemas).toMatchObject({
      HealthResult: { type: 'object' },
      ErrorBody: expect.any(Object),
      TokenPair: expect.any(Object),
    });
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['bearer', 'apiKey']);
  });
});

describe('authOpenApiFeatures', () => {
  const on = { enabled: true };
  const off = { enabled: false };
  const settings = {
    apiKeys: on,
    mfa: off,
    passwordReset: on,
    emailVerification: off,
    passkeys: on,
  };

  it('reads the switches from the settings and the mounted modules', () => {
    expect(authOpenApiFeatures(settings, { oidc: true, passkeys: true })).toEqual({
      apiKeys: true,
      mfa: false,
      passwordReset: true,
      emailVerification: false,
      oidc: true,
      passkeys: true,
    });
  });

  it('leaves passkeys off when the module is not mounted or passkeys.enabled is false', () => {
    expect(authOpenApiFeatures(settings).passkeys).toBe(false);
    expect(authOpenApiFeatures({ ...settings, passkeys: off }, { passkeys: true }).passkeys).toBe(
      false,
    );
  });
});
