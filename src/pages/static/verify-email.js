import { call, clear, onSubmit, showError, showOk, takeLinkToken } from './common.js';

const status = document.getElementById('status');
const error = document.getElementById('error');
const resendForm = document.getElementById('resend-form');
const token = takeLinkToken();

function offerResend(body) {
  status.hidden = true;
  showError(error, body);
  resendForm.hidden = false;
}

if (!token) {
  offerResend({ message: 'This page needs the link from your verification email.' });
} else {
  const result = await call('POST', '/auth/verify-email', { body: { token } });
  if (result.ok) showOk(status, 'Your email address is verified. You can sign in now.');
  else offerResend(result.body);
}

onSubmit(resendForm, async ({ email }) => {
  clear(error);
  const result = await call('POST', '/auth/verify-email/resend', { body: { email } });
  if (!result.ok) return showError(error, result.body);
  resendForm.hidden = true;
  showOk(status, result.body?.message ?? 'If the account needs it, a new link is on its way.');
});
