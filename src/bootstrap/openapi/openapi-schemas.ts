import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PAGES_SCHEMAS } from './pages-route-docs';

/**
 * The schemas of the host's own routes, under `components.schemas`; the auth module's come from
 * the package, with its `ErrorBody` that these routes answer errors with too.
 */
export const HOST_SCHEMAS: Record<string, SchemaObject> = {
  AdminUserView: {
    type: 'object',
    required: ['id', 'email', 'roles', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      email: { type: 'string', format: 'email' },
      roles: { type: 'array', items: { type: 'string' } },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  RoleList: {
    type: 'object',
    required: ['roles'],
    properties: {
      roles: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'permissions'],
          properties: {
            name: { type: 'string', example: 'editor' },
            permissions: { type: 'array', items: { type: 'string' }, example: ['posts.*'] },
          },
        },
      },
    },
  },
  HealthResult: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ok', 'error'] },
      info: { type: 'object', additionalProperties: true },
      error: { type: 'object', additionalProperties: true },
      details: { type: 'object', additionalProperties: true },
    },
  },
  ...PAGES_SCHEMAS,
};
