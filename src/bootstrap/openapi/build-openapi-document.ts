import type { Abstract, INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { AuthConfig, OidcClients, PasskeyStore } from '@lexigram/nest-auth';
import { addAuthRoutesToDocument, authOpenApiFeatures } from '@lexigram/nest-auth/openapi';
import { HOST_ROUTE_DOCS } from './host-route-docs';
import { HOST_SCHEMAS } from './openapi-schemas';
import { isPageHtmlPath } from './pages-route-docs';
import type { RouteDoc } from './route-doc';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const TWO_CREDENTIALS =
  'RequestValidationError: two credentials at once (Authorization and X-API-Key)';

/** A bearer route of the host refuses two credentials at once (400), as the module's do. */
function withBearerResponses(doc: RouteDoc): RouteDoc['responses'] {
  const responses = { ...doc.responses };
  if (doc.bearer) {
    const own = responses[400];
    responses[400] = [own ? `${own[0]}; or ${TWO_CREDENTIALS}` : TWO_CREDENTIALS, 'ErrorBody'];
  }
  return responses;
}

function describe(operation: OperationObject, doc: RouteDoc): void {
  operation.tags = [doc.tag];
  operation.summary = doc.summary;
  if (doc.bearer) operation.security = [{ bearer: [] }];
  if (doc.apiKey) operation.security = [...(operation.security ?? []), { apiKey: [] }];
  if (doc.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: ref(doc.body) } },
    };
  }
  operation.responses = Object.fromEntries(
    Object.entries(withBearerResponses(doc)).map(([status, [description, schema]]) => [
      status,
      schema
        ? { description, content: { 'application/json': { schema: ref(schema) } } }
        : { description },
    ]),
  );
}

/** The host's JSON body rule (request-body/) answers every route with a body, the module's too. */
function addBodyResponses(operation: OperationObject): void {
  if (!operation.requestBody) return;
  operation.responses[413] = {
    description: 'PayloadTooLargeError: the body is over 16 KiB',
    content: { 'application/json': { schema: ref('ErrorBody') } },
  };
  operation.responses[415] = {
    description: 'UnsupportedMediaTypeError: not application/json in UTF-8, or a Content-Encoding',
    content: { 'application/json': { schema: ref('ErrorBody') } },
  };
}

/** Whether a feature module's provider is in the app, i.e. the host imports that module. */
function mounts(app: INestApplication, token: Type | Abstract<unknown>): boolean {
  try {
    app.get(token, { strict: false });
    return true;
  } catch {
    return false;
  }
}

/**
 * The OpenAPI document of the running app: the routes as Nest registered them; the auth
 * module's described by the package from its zod schemas (only the features that are on), the
 * host's own from `HOST_ROUTE_DOCS`. The module itself carries no Swagger decorators.
 * @returns the document and the routes found without a description (a test keeps this empty)
 */
export function buildOpenApiDocument(
  app: INestApplication,
  metricsPath = '/metrics',
): { document: OpenAPIObject; undocumented: string[] } {
  const config = new DocumentBuilder()
    .setTitle('Lexigram Auth')
    .setDescription('Register, log in, rotate refresh tokens, log out, change passwords.')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const path of Object.keys(document.paths)) {
    // HTML for people (src/pages), not the JSON API: left out on purpose.
    if (isPageHtmlPath(path)) delete document.paths[path];
  }
  const unexplained: [string, (typeof METHODS)[number], OperationObject][] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const doc = HOST_ROUTE_DOCS[`${method.toUpperCase()} ${path}`];
      if (doc) describe(operation, doc);
      else unexplained.push([path, method, operation]);
    }
  }
  const features = authOpenApiFeatures(app.get(AuthConfig), {
    oidc: mounts(app, OidcClients),
    passkeys: mounts(app, PasskeyStore),
  });
  addAuthRoutesToDocument(document, { features });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...HOST_SCHEMAS },
  };
  // What the scan found and neither the host nor the module replaced (or removed, when off).
  const undocumented = unexplained
    .filter(([path, method, operation]) => document.paths[path]?.[method] === operation)
    .map(([path, method]) => `${method.toUpperCase()} ${path}`);
  for (const item of Object.values(document.paths))
    for (const method of METHODS) if (item[method]) addBodyResponses(item[method]);
  // Served by a middleware at a configurable path, so Nest's scan does not see it.
  document.paths[metricsPath] = {
    get: {
      tags: ['metrics'],
      summary: 'Prometheus metrics (Bearer METRICS_TOKEN when set)',
      responses: {
        200: { description: 'Prometheus text format' },
        401: { description: 'METRICS_TOKEN required' },
      },
    },
  };
  return { document, undocumented };
}
