import { call, clear, onSubmit, showError, showOk, takeLinkToken } from './common.js';
import { forget } from './session.js';

const form = document.getElementById('reset-form');
const error = document.getElementById('error');
// Taken out of the address bar at once: it is a password in all but name.
const token = takeLinkToken();

if (!token) {
  form.hidden = true;
  showError(error, { message: 'This page needs the link from your password-reset email.' });
}

onSubmit(form, async ({ newPassword }) => {
  clear(error);
  const result = await call('POST', '/auth/password/reset', { body: { token, newPassword } });
  if (!result.ok) return showError(error, result.body);
  // The reset ended every session; this browser's cookie is now worthless, so drop it too.
  await forget();
  form.hidden = true;
  document.getElementById('sign-in-link').hidden = false;
  showOk(
    document.getElementById('done'),
    'Your password has been changed and every session was signed out.',
  );
});
