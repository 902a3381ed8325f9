/**
 * The zod schemas that validate the module's request bodies, for a host that documents the
 * routes (OpenAPI): `z.toJSONSchema(schema, { io: 'input' })` keeps the docs and the validation one.
 */
export * from '../account-recovery/account-recovery.schemas';
export * from '../api-keys/api-key.schemas';
export * from '../dto/auth-request.schemas';
export * from '../mfa/mfa.schemas';
export * from '../oidc/oidc.schemas';
export * from '../passkeys/passkey.schemas';
