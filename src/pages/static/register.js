import { onSubmit, showError, showOk, clear, call } from './common.js';

const form = document.getElementById('register-form');
const error = document.getElementById('error');

onSubmit(form, async ({ email, password }) => {
  clear(error);
  const result = await call('POST', '/auth/register', { body: { email, password } });
  if (!result.ok) return showError(error, result.body);
  form.hidden = true;
  showOk(
    document.getElementById('done'),
    `Account created for ${result.body.email}. If email verification is on, open the link we sent you before signing in.`,
  );
});
