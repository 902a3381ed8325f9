import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import {
  changePasswordSchema,
  loginSchema,
  logoutSchema,
  refreshSchema,
  registerSchema,
} from '../../auth/dto/auth-request.schemas';

/** A request body's schema, generated from the zod schema that validates it: one source of truth. */
const fromZod = (schema: z.ZodType): SchemaObject =>
  z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;

/** Reusable schemas, under `components.schemas`. */
export const OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  RegisterRequest: fromZod(registerSchema),
  LoginRequest: fromZod(loginSchema),
  RefreshRequest: fromZod(refreshSchema),
  LogoutRequest: fromZod(logoutSchema),
  ChangePasswordRequest: fromZod(changePasswordSchema),
  TokenPair: {
    type: 'object',
    description: 'RFC 6749 token response.',
    required: ['access_token', 'refresh_token', 'token_type', 'expires_in'],
    properties: {
      access_token: { type: 'string', description: 'JWT, typ at+jwt' },
      refresh_token: { type: 'string', description: 'JWT, typ refresh+jwt; spent on use' },
      token_type: { type: 'string', enum: ['Bearer'] },
      expires_in: { type: 'integer', description: 'seconds until the access token expires' },
    },
  },
  UserView: {
    type: 'object',
    required: ['id', 'email', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      email: { type: 'string', format: 'email' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  ErrorBody: {
    type: 'object',
    description: 'Every error answer; never a stack trace.',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 401 },
      error: {
        type: 'string',
        description: "the error's name",
        example: 'InvalidCredentialsError',
      },
      message: { type: 'string', description: 'what happened and what to do' },
      retryAfter: { type: 'integer', description: 'seconds; with 423, 429 and 503' },
      violations: {
        type: 'array',
        description: 'with 422: every broken password rule',
        items: {
          type: 'object',
          required: ['rule', 'message'],
          properties: { rule: { type: 'string' }, message: { type: 'string' } },
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
  JsonWebKeySet: {
    type: 'object',
    required: ['keys'],
    properties: { keys: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  },
};
