import { type AuthOpenApiOptions, authOpenApiPaths } from './auth-openapi-paths';
import { AUTH_ROUTES, routePath } from './auth-routes';

/** The part of an OpenAPI document (`@nestjs/swagger`'s `OpenAPIObject`, or any) this reads. */
export interface OpenApiDocumentLike {
  paths: Record<string, object>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

/**
 * Describes the module's routes in a host's document (e.g. `SwaggerModule.createDocument`'s):
 * every operation the scan found at a module route is replaced by the module's description, or
 * removed when its feature is off (it only answers 404); the schemas and security schemes are
 * added. The host's own routes are left as they are.
 * @returns the same document
 */
export function addAuthRoutesToDocument<D extends OpenApiDocumentLike>(
  document: D,
  options: AuthOpenApiOptions = {},
): D {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  for (const route of AUTH_ROUTES) {
    const path = routePath(options.basePath ?? 'auth', route);
    const item = paths[path];
    if (!item) continue;
    delete item[route.method];
    if (Object.keys(item).length === 0) delete paths[path];
  }
  const auth = authOpenApiPaths(options);
  for (const [path, item] of Object.entries(auth.paths)) paths[path] = { ...paths[path], ...item };
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...auth.components.schemas },
    securitySchemes: {
      ...document.components?.securitySchemes,
      ...auth.components.securitySchemes,
    },
  };
  return document;
}
