import { z } from 'zod';
import type { JsonSchemaObject } from './openapi-types';

/**
 * A zod schema as OpenAPI 3.0 JSON Schema: a request body by what the client sends (`input`:
 * defaults optional, transforms not yet run), an answer by what the module returns (`output`).
 * Unrepresentable parts throw, so a schema the docs cannot carry fails the package's tests.
 */
export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchemaObject {
  return z.toJSONSchema(schema, { io, target: 'openapi-3.0' });
}
