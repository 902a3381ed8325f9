import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import {
  authenticationOptionsSchema,
  authenticationVerifySchema,
  registrationVerifySchema,
  renamePasskeySchema,
} from '@lexigram/nest-auth/openapi';

const fromZod = (schema: z.ZodType): SchemaObject =>
  z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;

const base64url: SchemaObject = { type: 'string', pattern: '^[A-Za-z0-9_-]*$' };
const descriptor: SchemaObject = {
  type: 'object',
  required: ['id', 'type'],
  properties: {
    id: base64url,
    type: { type: 'string', enum: ['public-key'] },
    transports: { type: 'array', items: { type: 'string' } },
  },
};

const PASSKEY_VIEW: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'createdAt', 'lastUsedAt', 'backedUp', 'deviceType', 'transports'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: 'string', format: 'date-time', nullable: true },
    backedUp: { type: 'boolean', description: 'the authenticator says the key is backed up' },
    deviceType: {
      type: 'string',
      enum: ['singleDevice', 'multiDevice'],
      description: 'multiDevice: a synced passkey',
    },
    transports: { type: 'array', items: { type: 'string' } },
  },
};

/** The passkey routes' schemas, under `components.schemas`. */
export const PASSKEY_SCHEMAS: Record<string, SchemaObject> = {
  PasskeyRegistrationVerifyRequest: fromZod(registrationVerifySchema),
  PasskeyAuthenticationOptionsRequest: fromZod(authenticationOptionsSchema),
  PasskeyAuthenticationVerifyRequest: fromZod(authenticationVerifySchema),
  RenamePasskeyRequest: fromZod(renamePasskeySchema),
  PasskeyView: PASSKEY_VIEW,
  PasskeyList: {
    type: 'object',
    required: ['passkeys'],
    properties: {
      passkeys: { type: 'array', items: { $ref: '#/components/schemas/PasskeyView' } },
    },
  },
  PasskeyCreationOptions: {
    type: 'object',
    description:
      'PublicKeyCredentialCreationOptionsJSON: give it to navigator.credentials.create()',
    required: ['rp', 'user', 'challenge', 'pubKeyCredParams'],
    properties: {
      rp: {
        type: 'object',
        required: ['name', 'id'],
        properties: { name: { type: 'string' }, id: { type: 'string' } },
      },
      user: {
        type: 'object',
        required: ['id', 'name', 'displayName'],
        properties: { id: base64url, name: { type: 'string' }, displayName: { type: 'string' } },
      },
      challenge: base64url,
      pubKeyCredParams: {
        type: 'array',
        items: {
          type: 'object',
          required: ['alg', 'type'],
          properties: { alg: { type: 'integer' }, type: { type: 'string' } },
        },
      },
      timeout: { type: 'integer' },
      excludeCredentials: { type: 'array', items: descriptor },
      authenticatorSelection: { type: 'object' },
      attestation: { type: 'string' },
    },
  },
  PasskeyRequestOptions: {
    type: 'object',
    description:
      'PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get(), plus the challengeId to send back',
    required: ['challenge', 'challengeId'],
    properties: {
      challenge: base64url,
      challengeId: { type: 'string', format: 'uuid' },
      rpId: { type: 'string' },
      timeout: { type: 'integer' },
      allowCredentials: { type: 'array', items: descriptor },
      userVerification: { type: 'string', enum: ['required', 'preferred', 'discouraged'] },
    },
  },
};
