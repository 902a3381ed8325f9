import { call, clear, onSubmit, showError, showOk } from './common.js';

const form = document.getElementById('forgot-form');
const error = document.getElementById('error');

onSubmit(form, async ({ email }) => {
  clear(error);
  const result = await call('POST', '/auth/password/forgot', { body: { email } });
  if (!result.ok) return showError(error, result.body);
  form.hidden = true;
  showOk(
    document.getElementById('done'),
    result.body?.message ?? 'If the account exists, a link is on its way.',
  );
});
