import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OPENAPI_SCHEMAS } from './openapi-schemas';
import { isPageHtmlPath } from './pages-route-docs';
import { ROUTE_DOCS, type RouteDoc } from './route-docs';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const TWO_CREDENTIALS =
  'RequestValidationError: two credentials at once (Authorization and X-API-Key)';

/**
 * The answers every route of a kind can give, whatever its own doc says: a body route refuses
 * bodies by the host's rule (413, 415), a bearer route two credentials at once (400).
 */
function withSharedResponses(doc: RouteDoc): RouteDoc['responses'] {
  const responses = { ...doc.responses };
  if (doc.bearer) {
    const own = responses[400];
    responses[400] = [own ? `${own[0]}; or ${TWO_CREDENTIALS}` : TWO_CREDENTIALS, 'ErrorBody'];
  }
  if (doc.body) {
    responses[413] = ['PayloadTooLargeError: the body is over 16 KiB', 'ErrorBody'];
    responses[415] = [
      'UnsupportedMediaTypeError: not application/json in UTF-8, or a Content-Encoding',
      'ErrorBody',
    ];
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
    Object.entries(withSharedResponses(doc)).map(([status, [description, schema]]) => [
      status,
      schema
        ? { description, content: { 'application/json': { schema: ref(schema) } } }
        : { description },
    ]),
  );
}

/**
 * The OpenAPI document of the running app: the routes as Nest registered them, described from
 * `ROUTE_DOCS` and the zod request schemas, so the auth module itself carries no Swagger
 * decorators and the docs cannot list a route the app does not have.
 * @returns the document and the routes found without a description (a test keeps this empty)
 */
export function buildOpenApiDocument(
  app: INestApplication,
  metricsPath = '/metrics',
): { document: OpenAPIObject; undocumented: string[] } {
  const config = new DocumentBuilder()
    .setTitle('Lexigram Auth')
    .setDescription('Register, log in, rotate refresh tokens, log out, change passwords.')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: 'or Authorization: ApiKey <key>',
      },
      'apiKey',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: OPENAPI_SCHEMAS };
  const undocumented: string[] = [];
  for (const path of Object.keys(document.paths)) {
    // HTML for people (src/pages), not the JSON API: left out on purpose.
    if (isPageHtmlPath(path)) delete document.paths[path];
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const doc = ROUTE_DOCS[`${method.toUpperCase()} ${path}`];
      if (doc) describe(operation, doc);
      else undocumented.push(`${method.toUpperCase()} ${path}`);
    }
  }
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
