import type { INestApplication } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { loadMetricsOptions } from '../metrics/metrics-options';

/** Where the Swagger UI is served; the JSON document is at `/docs-json`. */
export const DOCS_PATH = 'docs';

/**
 * Serves the OpenAPI document and Swagger UI at `/docs`, except in production unless
 * `DOCS_ENABLED=true` (the docs map every route for whoever reads them); `DOCS_ENABLED=false` turns
 * them off anywhere. On Fastify the UI's assets are served by `@fastify/static`.
 */
export async function setupSwagger(app: INestApplication, env = process.env): Promise<void> {
  if (!docsEnabled(app.get(AppConfig).environment, env.DOCS_ENABLED)) return;
  // Loaded only when served: @nestjs/swagger is a large module tree for every boot to pay.
  const { buildOpenApiDocument } = await import('./openapi/build-openapi-document');
  const { SwaggerModule } = await import('@nestjs/swagger');
  const metricsPath = loadMetricsOptions(env).path;
  // Built on the first request for the docs, not at boot: scanning every route and turning the zod
  // schemas into JSON Schema is about a tenth of the boot (bench/README.md, boot).
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app, metricsPath).document);
}

/** `DOCS_ENABLED` wins when set; unset, the docs are on everywhere but production. */
export function docsEnabled(environment: string, setting: string | undefined): boolean {
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return environment !== 'production';
}
