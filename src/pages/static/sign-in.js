import { clear, onSubmit, showError, showOk } from './common.js';
import { passkeyAssertion, passkeysOffered } from './passkeys.js';
import { signInStep, takeNotice } from './session.js';

const passwordForm = document.getElementById('password-form');
const mfaForm = document.getElementById('mfa-form');
const error = document.getElementById('error');
const passkeyBlock = document.getElementById('passkey-block');
const mfaPasskey = document.getElementById('mfa-passkey');
let mfaChallenge = null;

const noticeRegion = document.getElementById('notice');
const notice = takeNotice();
if (notice) showOk(noticeRegion, notice);

const done = () => window.location.assign('/account');

function showMfaStep(body) {
  mfaChallenge = body.mfaChallenge;
  passwordForm.hidden = true;
  passkeyBlock.hidden = true;
  mfaForm.hidden = false;
  mfaPasskey.hidden = !(offered && (body.methods ?? []).includes('passkey'));
  clear(error);
  document.getElementById('code').focus();
}

function startOver() {
  mfaChallenge = null;
  mfaForm.reset();
  mfaForm.hidden = true;
  passwordForm.hidden = false;
  passkeyBlock.hidden = !passkeysOffered('sign-in');
  document.getElementById('password').value = '';
  document.getElementById('email').focus();
}

onSubmit(passwordForm, async ({ email, password }) => {
  clear(noticeRegion);
  const result = await signInStep('login', { email, password });
  if (result.ok) return done();
  if (result.body?.error === 'MfaRequiredError' && result.body.mfaChallenge)
    return showMfaStep(result.body);
  showError(error, result.body);
  if (result.body?.error === 'EmailNotVerifiedError') {
    const resend = document.createElement('a');
    resend.href = '/verify-email';
    resend.textContent = 'Send a new verification link';
    error.append(' ', resend);
  }
});

onSubmit(mfaForm, async ({ code }) => {
  const result = await signInStep('mfa', { challenge: mfaChallenge, code });
  if (result.ok) return done();
  showError(error, result.body);
});

document.getElementById('mfa-cancel').addEventListener('click', startOver);

async function withPasskey(request) {
  clear(error);
  clear(noticeRegion);
  const assertion = await passkeyAssertion(request);
  if (!assertion.ok) return showError(error, assertion.body);
  const result = await signInStep('passkey', assertion.body);
  if (result.ok) return done();
  showError(error, result.body);
}

document.getElementById('passkey-sign-in').addEventListener('click', () => withPasskey({}));
mfaPasskey.addEventListener('click', () => withPasskey({ mfaChallenge }));

const offered = passkeysOffered('passkeys');
passkeyBlock.hidden = !passkeysOffered('sign-in');
