/**
 * What a host needs to document the module's routes in its OpenAPI document, without any
 * OpenAPI library: `authOpenApiPaths` (plain paths and schemas) or `addAuthRoutesToDocument`.
 * The zod schemas are exported too: the request bodies' (`z.toJSONSchema(schema, { io: 'input' })`)
 * and the answers'.
 */
export * from '../account-recovery/account-recovery.schemas';
export * from '../account-recovery/account-recovery-response.schemas';
export * from '../api-keys/api-key.schemas';
export * from '../api-keys/api-key-response.schemas';
export * from '../dto/auth-request.schemas';
export * from '../dto/auth-response.schemas';
export * from '../errors/error-body.schema';
export * from '../mfa/mfa.schemas';
export * from '../mfa/mfa-response.schemas';
export * from '../oidc/oidc.schemas';
export * from '../oidc/oidc-response.schemas';
export * from '../passkeys/passkey.schemas';
export * from '../passkeys/passkey-response.schemas';
export * from '../sessions/session-response.schemas';
export * from '../tokens/jwks-response.schema';
export { addAuthRoutesToDocument, type OpenApiDocumentLike } from './add-auth-routes-to-document';
export {
  AUTH_SECURITY_SCHEMES,
  type AuthOpenApi,
  type AuthOpenApiOptions,
  authOpenApiPaths,
} from './auth-openapi-paths';
export {
  type AuthFeatureSettings,
  type AuthOpenApiFeatures,
  authOpenApiFeatures,
} from './auth-openapi-features';
export type * from './openapi-types';
