import type * as SimpleWebAuthn from '@simplewebauthn/server';

let library: Promise<typeof SimpleWebAuthn> | undefined;

/**
 * @simplewebauthn/server, loaded on the first passkey ceremony: with its certificate and CBOR
 * parsers it is the largest library the module loads, a noticeable part of the app's boot, and
 * many apps never see a passkey (bench/README.md, boot).
 */
export const webauthnLibrary = (): Promise<typeof SimpleWebAuthn> =>
  (library ??= import('@simplewebauthn/server'));

let helpers: Promise<typeof import('@simplewebauthn/server/helpers')> | undefined;

/** Its CBOR and base64 helpers (the stub authenticator's), on the same terms. */
export const webauthnHelpers = (): Promise<typeof import('@simplewebauthn/server/helpers')> =>
  (helpers ??= import('@simplewebauthn/server/helpers'));
