import { z } from 'zod';

// The options are @simplewebauthn's JSON, given to the browser as they are: loose objects, so a
// field the library adds later is not a breach of the documented answer.
const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/);
const descriptor = z.looseObject({
  id: base64url,
  type: z.literal('public-key'),
  transports: z.array(z.string()).optional(),
});

/** A passkey as its owner sees it (`PasskeyView`): never the public key or the counter. */
export const passkeyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  backedUp: z.boolean().describe('the authenticator says the key is backed up'),
  deviceType: z.enum(['singleDevice', 'multiDevice']).describe('multiDevice: a synced passkey'),
  transports: z.array(z.string()),
});

/** `GET /auth/passkeys`. */
export const passkeyListSchema = z.object({ passkeys: z.array(passkeyViewSchema) });

/** `POST /auth/passkeys/registration/options`: for `navigator.credentials.create()`. */
export const passkeyCreationOptionsSchema = z
  .looseObject({
    rp: z.looseObject({ name: z.string(), id: z.string().optional() }),
    user: z.looseObject({ id: base64url, name: z.string(), displayName: z.string() }),
    challenge: base64url,
    pubKeyCredParams: z.array(z.looseObject({ alg: z.number().int(), type: z.string() })),
    timeout: z.number().int().optional(),
    excludeCredentials: z.array(descriptor).optional(),
    authenticatorSelection: z.looseObject({}).optional(),
    attestation: z.string().optional(),
  })
  .describe('PublicKeyCredentialCreationOptionsJSON: give it to navigator.credentials.create()');

/** `POST /auth/passkeys/authentication/options`: for `navigator.credentials.get()`. */
export const passkeyRequestOptionsSchema = z
  .looseObject({
    challenge: base64url,
    challengeId: z.uuid().describe('send it back with the answer'),
    rpId: z.string().optional(),
    timeout: z.number().int().optional(),
    allowCredentials: z.array(descriptor).optional(),
    userVerification: z.enum(['required', 'preferred', 'discouraged']).optional(),
  })
  .describe('PublicKeyCredentialRequestOptionsJSON plus the challengeId to send back');
