import { clear, element, onSubmit, showError } from './common.js';
import { api, forget, goToSignIn } from './session.js';

const section = document.getElementById('mfa');
const error = document.getElementById('mfa-error');
const state = document.getElementById('mfa-state');
const startActions = document.getElementById('mfa-start-actions');
const confirmForm = document.getElementById('mfa-confirm-form');
const regenerateForm = document.getElementById('mfa-regenerate-form');
const disableForm = document.getElementById('mfa-disable-form');
const codesBlock = document.getElementById('mfa-codes');

export async function loadMfa() {
  const result = await api('GET', '/auth/mfa');
  if (result.status === 404) return; // mfa.enabled is false: no section at all
  section.hidden = false;
  if (!result.ok) return showError(error, result.body);
  const { enabled, recoveryCodesLeft } = result.body;
  state.textContent = enabled
    ? `Two-factor authentication is on. Recovery codes left: ${recoveryCodesLeft}.`
    : 'Two-factor authentication is off. Add an authenticator app to protect your account.';
  startActions.hidden = enabled;
  document.getElementById('mfa-manage').hidden = !enabled;
}

/** Recovery codes, shown once; `next` says what happens now and offers the way on. */
function showCodes(codes, next, button) {
  document
    .getElementById('mfa-codes-list')
    .replaceChildren(...codes.map((c) => element('li', {}, element('code', {}, c))));
  document.getElementById('mfa-codes-next').textContent = next;
  document.getElementById('mfa-codes-actions').replaceChildren(...(button ? [button] : []));
  codesBlock.hidden = false;
  document.getElementById('mfa-codes-heading').focus();
}

document.getElementById('mfa-start').addEventListener('click', async () => {
  clear(error);
  const result = await api('POST', '/auth/mfa/totp');
  if (!result.ok) return showError(error, result.body);
  const qr = document.getElementById('mfa-qr');
  qr.src = result.body.qrCodeDataUrl;
  document.getElementById('mfa-secret').textContent = result.body.secret;
  startActions.hidden = true;
  confirmForm.hidden = false;
  document.getElementById('mfa-enrol-heading').focus();
});

onSubmit(confirmForm, async ({ password, code }) => {
  clear(error);
  const result = await api('POST', '/auth/mfa/totp/confirm', { password, code });
  if (!result.ok) return showError(error, result.body);
  confirmForm.hidden = true;
  state.textContent = 'Two-factor authentication is on.';
  // Turning MFA on ended every session, this one included: the cookie is now worthless, and
  // the rest of the page would only answer "session ended".
  await forget();
  for (const other of document.querySelectorAll('main > section')) other.hidden = other !== section;
  const again = element('button', { type: 'button' }, 'I saved them: sign in again');
  again.addEventListener('click', () =>
    goToSignIn('Two-factor authentication is on. Sign in with your password and a code.'),
  );
  showCodes(
    result.body.recoveryCodes,
    'Turning on two-factor signed you out everywhere, so sign in again with a code.',
    again,
  );
});

onSubmit(regenerateForm, async ({ code }) => {
  clear(error);
  const result = await api('POST', '/auth/mfa/recovery-codes', { code });
  if (!result.ok) return showError(error, result.body);
  regenerateForm.reset();
  showCodes(result.body.recoveryCodes, 'Your earlier recovery codes no longer work.', null);
  await loadMfa();
});

onSubmit(disableForm, async ({ password, code }) => {
  clear(error);
  const result = await api('POST', '/auth/mfa/totp/disable', { password, code });
  if (!result.ok) return showError(error, result.body);
  await forget();
  goToSignIn('Two-factor authentication is off, and every session was signed out.');
});
