import { REQUEST_SCHEMAS, RESPONSE_SCHEMAS } from './auth-openapi-schemas';
import { type AuthOpenApiFeatures, withDefaultFeatures } from './auth-openapi-features';
import { API_KEY_REFUSED, E, type AuthRouteDoc } from './auth-route-doc';
import { AUTH_ROUTES, routePath } from './auth-routes';
import type {
  JsonSchemaObject,
  OpenApiComponents,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiPaths,
} from './openapi-types';
import { toOpenApiSchema } from './to-json-schema';

export interface AuthOpenApiOptions {
  /** Where the module's routes are mounted. @default 'auth' */
  basePath?: string;
  /** Which parts are on (see `authOpenApiFeatures`); the routes of the others are left out. */
  features?: AuthOpenApiFeatures;
}

/** The module's part of an OpenAPI 3.0 document: plain objects, no OpenAPI library needed. */
export interface AuthOpenApi {
  paths: OpenApiPaths;
  components: OpenApiComponents;
}

// ApiKeyAuthenticator refuses a request that carries both a token and an API key.
const TWO_CREDENTIALS =
  'RequestValidationError: two credentials at once (Authorization and X-API-Key)';

const ref = (name: string): JsonSchemaObject => ({ $ref: `#/components/schemas/${name}` });

/** Bearer JWTs and API keys, the names the operations' `security` uses. */
export const AUTH_SECURITY_SCHEMES: Record<string, JsonSchemaObject> = {
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'or Authorization: ApiKey <key>',
  },
};

function parametersOf(path: string, route: AuthRouteDoc): OpenApiParameter[] {
  const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]): OpenApiParameter => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const inQuery = Object.entries(route.query ?? {}).map(
    ([name, description]): OpenApiParameter => ({
      name,
      in: 'query',
      required: false,
      description,
      schema: { type: 'string' },
    }),
  );
  return [...inPath, ...inQuery];
}

function responsesOf(route: AuthRouteDoc): OpenApiOperation['responses'] {
  const responses = { ...route.responses };
  if (route.bearer) {
    const own = responses[400];
    responses[400] = [own ? `${own[0]}; or ${TWO_CREDENTIALS}` : TWO_CREDENTIALS, E];
    // JwtAuthGuard refuses an API key on every route without @AcceptsApiKeys.
    if (!route.apiKey) responses[403] ??= API_KEY_REFUSED;
  }
  return Object.fromEntries(
    Object.entries(responses).map(([status, [description, schema]]) => [
      status,
      schema
        ? { description, content: { 'application/json': { schema: ref(schema) } } }
        : { description },
    ]),
  );
}

function operationOf(path: string, route: AuthRouteDoc): OpenApiOperation {
  const operation: OpenApiOperation = {
    tags: [route.tag],
    summary: route.summary,
    responses: responsesOf(route),
  };
  const security: Record<string, string[]>[] = [];
  if (route.bearer) security.push({ bearer: [] });
  if (route.apiKey) security.push({ apiKey: [] });
  if (security.length > 0) operation.security = security;
  const parameters = parametersOf(path, route);
  if (parameters.length > 0) operation.parameters = parameters;
  if (route.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: ref(route.body) } },
    };
  }
  return operation;
}

/** The routes that are on with these options. */
export function enabledAuthRoutes(features?: AuthOpenApiFeatures): AuthRouteDoc[] {
  const on = withDefaultFeatures(features);
  return AUTH_ROUTES.filter((route) => route.feature === 'core' || on[route.feature]);
}

/**
 * The paths and component schemas of the module's switched-on routes, their request and
 * response schemas generated from the zod schemas the module validates and answers with.
 * Merge them into a host's document, or use `addAuthRoutesToDocument`.
 */
export function authOpenApiPaths(options: AuthOpenApiOptions = {}): AuthOpenApi {
  const basePath = options.basePath ?? 'auth';
  const paths: OpenApiPaths = {};
  const schemas: Record<string, JsonSchemaObject> = {
    [E]: toOpenApiSchema(RESPONSE_SCHEMAS[E], 'output'),
  };
  for (const route of enabledAuthRoutes(options.features)) {
    const path = routePath(basePath, route);
    paths[path] = { ...paths[path], [route.method]: operationOf(path, route) };
    if (route.body) schemas[route.body] = toOpenApiSchema(REQUEST_SCHEMAS[route.body], 'input');
    for (const [, name] of Object.values(route.responses)) {
      if (name) schemas[name] = toOpenApiSchema(RESPONSE_SCHEMAS[name], 'output');
    }
  }
  return { paths, components: { schemas, securitySchemes: { ...AUTH_SECURITY_SCHEMES } } };
}
