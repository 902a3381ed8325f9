import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import {
  changePasswordSchema,
  createApiKeySchema,
  forgotPasswordSchema,
  loginSchema,
  logoutSchema,
  mfaCodeSchema,
  mfaConfirmSchema,
  mfaDisableSchema,
  mfaVerifySchema,
  oidcLinkSchema,
  oidcTokenSchema,
  refreshSchema,
  registerSchema,
  resendVerificationSchema,
  resetPasswordSchema,
  verifyEmailSchema,
} from '@lexigram/nest-auth/openapi';

import { PAGES_SCHEMAS } from './pages-route-docs';
import { PASSKEY_SCHEMAS } from './passkey-schemas';

/** A request body's schema, generated from the zod schema that validates it: one source of truth. */
const fromZod = (schema: z.ZodType): SchemaObject =>
  z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;

/** An API key as its owner sees it (never the key or its hash). */
const API_KEY_VIEW: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    prefix: { type: 'string', description: 'lex_ and the lookup prefix, to recognise the key' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time', nullable: true },
    lastUsedAt: {
      type: 'string',
      format: 'date-time',
      nullable: true,
      description: 'recorded at most once a minute',
    },
  },
};

/** Reusable schemas, under `components.schemas`. */
export const OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  OidcTokenRequest: fromZod(oidcTokenSchema),
  OidcLinkRequest: fromZod(oidcLinkSchema),
  OidcProviderList: {
    type: 'object',
    required: ['providers'],
    properties: {
      providers: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'displayName', 'authorizePath'],
          properties: {
            id: { type: 'string' },
            displayName: { type: 'string' },
            authorizePath: { type: 'string', description: 'navigate the browser here to sign in' },
          },
        },
      },
    },
  },
  OidcAuthorizationUrl: {
    type: 'object',
    required: ['authorizationUrl'],
    properties: { authorizationUrl: { type: 'string', format: 'uri' } },
  },
  ExternalIdentityList: {
    type: 'object',
    required: ['identities'],
    properties: {
      identities: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'provider', 'subject', 'email', 'createdAt'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            provider: { type: 'string' },
            subject: { type: 'string' },
            email: { type: 'string', nullable: true },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  },
  ...PASSKEY_SCHEMAS,
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
      mfaChallenge: {
        type: 'string',
        description:
          'with MfaRequiredError: send it to POST /auth/mfa/verify; single-use, short-lived',
      },
      methods: {
        type: 'array',
        description:
          'with MfaRequiredError: the second factors the user can answer with ("totp", "passkey")',
        items: { type: 'string', enum: ['totp', 'passkey'] },
      },
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
  SessionList: {
    type: 'object',
    required: ['sessions'],
    properties: {
      sessions: {
        type: 'array',
        description: 'live sessions, most recently used first',
        items: {
          type: 'object',
          required: ['id', 'current', 'userAgent', 'ip', 'createdAt', 'lastUsedAt', 'expiresAt'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            current: { type: 'boolean', description: "the session of this request's token" },
            userAgent: { type: 'string', nullable: true },
            ip: { type: 'string', nullable: true },
            createdAt: { type: 'string', format: 'date-time' },
            lastUsedAt: {
              type: 'string',
              format: 'date-time',
              description: 'the login or the last refresh',
            },
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  },
  CreateApiKeyRequest: fromZod(createApiKeySchema),
  ApiKeyView: API_KEY_VIEW,
  CreatedApiKey: {
    ...API_KEY_VIEW,
    required: [...(API_KEY_VIEW.required ?? []), 'key'],
    properties: {
      ...API_KEY_VIEW.properties,
      key: { type: 'string', description: 'lex_<prefix>_<secret>; shown only here, stored hashed' },
    },
  },
  ApiKeyList: {
    type: 'object',
    required: ['apiKeys'],
    properties: { apiKeys: { type: 'array', items: { $ref: '#/components/schemas/ApiKeyView' } } },
  },
  MfaCodeRequest: fromZod(mfaCodeSchema),
  MfaConfirmRequest: fromZod(mfaConfirmSchema),
  MfaDisableRequest: fromZod(mfaDisableSchema),
  MfaVerifyRequest: fromZod(mfaVerifySchema),
  MfaStatus: {
    type: 'object',
    required: ['enabled', 'recoveryCodesLeft'],
    properties: {
      enabled: { type: 'boolean' },
      recoveryCodesLeft: { type: 'integer', minimum: 0, maximum: 10 },
    },
  },
  TotpEnrolment: {
    type: 'object',
    required: ['secret', 'otpauthUri', 'qrCodeDataUrl'],
    properties: {
      secret: { type: 'string', description: 'base32 (RFC 4648), 160 bits' },
      otpauthUri: {
        type: 'string',
        example: 'otpauth://totp/Lexigram:alice%40example.com?issuer=Lexigram&secret=…',
      },
      qrCodeDataUrl: {
        type: 'string',
        pattern: '^data:image/png;base64,[A-Za-z0-9+/]+=*$',
        description: 'otpauthUri as a PNG QR code, for an <img src>; as secret as the secret',
        example: 'data:image/png;base64,iVBORw0KGgo…',
      },
    },
  },
  RecoveryCodes: {
    type: 'object',
    required: ['recoveryCodes'],
    properties: {
      recoveryCodes: {
        type: 'array',
        minItems: 10,
        maxItems: 10,
        items: { type: 'string', example: '7k2m-q9xd-h4tp-c3vw' },
        description: 'single-use, 80 bits each; shown only here, stored hashed',
      },
    },
  },
  JsonWebKeySet: {
    type: 'object',
    required: ['keys'],
    properties: { keys: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  },
  ForgotPasswordRequest: fromZod(forgotPasswordSchema),
  ResetPasswordRequest: fromZod(resetPasswordSchema),
  VerifyEmailRequest: fromZod(verifyEmailSchema),
  ResendVerificationRequest: fromZod(resendVerificationSchema),
  MailQueued: {
    type: 'object',
    required: ['message'],
    properties: {
      message: {
        type: 'string',
        example:
          'If an account with this email exists and needs it, a message with a link is on its way.',
      },
    },
  },
  ...PAGES_SCHEMAS,
};
