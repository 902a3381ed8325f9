// Passkey ceremonies against the JSON API (docs/guides/passkeys.md), with @simplewebauthn/browser's
// encoding (its UMD bundle defines window.SimpleWebAuthnBrowser; the page loads it first).
import { call } from './common.js';

const browserLib = () => window.SimpleWebAuthnBrowser;

/**
 * What this page may offer: the server writes it on <body> (data-passkeys for the panel and the
 * MFA step, data-passkey-sign-in for the sign-in button), and the browser must do WebAuthn.
 */
export function passkeysOffered(kind = 'passkeys') {
  const dataset = document.body.dataset;
  const on = kind === 'sign-in' ? dataset.passkeySignIn === 'on' : dataset.passkeys === 'on';
  return on && Boolean(browserLib()?.browserSupportsWebAuthn());
}

/**
 * Runs an authentication ceremony: `{}` for a usernameless first factor, `{mfaChallenge}` for the
 * second factor. Resolves with the body for POST /pages/session/passkey, or an error result.
 */
export async function passkeyAssertion(request) {
  const options = await call('POST', '/auth/passkeys/authentication/options', { body: request });
  if (!options.ok) return { ok: false, body: options.body };
  const { challengeId, ...optionsJSON } = options.body;
  try {
    const response = await browserLib().startAuthentication({ optionsJSON });
    return { ok: true, body: { challengeId, response } };
  } catch (error) {
    return { ok: false, body: { message: ceremonyMessage(error) } };
  }
}

/** Runs a registration ceremony for the signed-in user; `api` is session.js's authorised call. */
export async function registerPasskey(api, name) {
  const options = await api('POST', '/auth/passkeys/registration/options', {});
  if (!options.ok) return options;
  let response;
  try {
    response = await browserLib().startRegistration({ optionsJSON: options.body });
  } catch (error) {
    return { ok: false, status: 0, body: { message: ceremonyMessage(error) } };
  }
  return api(
    'POST',
    '/auth/passkeys/registration/verify',
    name ? { response, name } : { response },
  );
}

function ceremonyMessage(error) {
  if (error?.name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
  if (error?.name === 'InvalidStateError')
    return 'This device already holds a passkey for your account.';
  return error?.message || 'The passkey could not be used.';
}
