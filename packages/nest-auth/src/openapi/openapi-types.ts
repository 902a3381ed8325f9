/**
 * The few OpenAPI 3.0 shapes the helpers return, declared here so the package needs no
 * OpenAPI library: they are plain objects, assignable into `@nestjs/swagger`'s document.
 */
export type JsonSchemaObject = Record<string, unknown>;

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export interface OpenApiResponse {
  description: string;
  content?: Record<string, { schema: JsonSchemaObject }>;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchemaObject;
}

export interface OpenApiOperation {
  tags: string[];
  summary: string;
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchemaObject }> };
  responses: Record<string, OpenApiResponse>;
}

export type OpenApiPaths = Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;

export interface OpenApiComponents {
  schemas: Record<string, JsonSchemaObject>;
  securitySchemes: Record<string, JsonSchemaObject>;
}
