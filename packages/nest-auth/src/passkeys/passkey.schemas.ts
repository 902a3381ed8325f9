import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';

// The shapes a browser's `credential.toJSON()` gives. Only the outline is checked here; the
// library decodes and verifies the content. Browsers add fields over time (`publicKey`,
// `authenticatorData`), so the inner objects keep unknown keys for the library to ignore.
const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'expected base64url text' });

const CREDENTIAL_ID = 1400;
const PAYLOAD = 16_384;

const credential = {
  id: base64url(CREDENTIAL_ID),
  rawId: base64url(CREDENTIAL_ID),
  type: z.literal('public-key'),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

const registrationResponse = z.looseObject({
  ...credential,
  response: z.looseObject({
    clientDataJSON: base64url(PAYLOAD),
    attestationObject: base64url(PAYLOAD),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
});

const authenticationResponse = z.looseObject({
  ...credential,
  response: z.looseObject({
    clientDataJSON: base64url(PAYLOAD),
    authenticatorData: base64url(PAYLOAD),
    signature: base64url(PAYLOAD),
    userHandle: base64url(1024).optional(),
  }),
});

const passkeyName = z.string().trim().min(1).max(100);

/** `POST /auth/passkeys/registration/verify`. */
export const registrationVerifySchema = z.strictObject({
  response: registrationResponse,
  name: passkeyName.optional(),
});

/** `POST /auth/passkeys/authentication/options`: `{}` for a usernameless sign-in. */
export const authenticationOptionsSchema = z.strictObject({
  mfaChallenge: z.string().min(1).max(200).optional(),
});

/** `POST /auth/passkeys/authentication/verify`. */
export const authenticationVerifySchema = z.strictObject({
  challengeId: z.uuid(),
  response: authenticationResponse,
});

/** `PATCH /auth/passkeys/:id`. */
export const renamePasskeySchema = z.strictObject({ name: passkeyName });

export type RegistrationVerifyRequest = Omit<
  z.infer<typeof registrationVerifySchema>,
  'response'
> & { response: RegistrationResponseJSON };
export type AuthenticationOptionsRequest = z.infer<typeof authenticationOptionsSchema>;
export type AuthenticationVerifyRequest = Omit<
  z.infer<typeof authenticationVerifySchema>,
  'response'
> & { response: AuthenticationResponseJSON };
export type RenamePasskeyRequest = z.infer<typeof renamePasskeySchema>;
