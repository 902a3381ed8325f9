import { clear, onSubmit, showError, when } from './common.js';
import { api, forget, goToSignIn, resume, signOut } from './session.js';
import { loadSessions } from './account-sessions.js';
import { loadMfa } from './account-mfa.js';
import { loadApiKeys } from './account-api-keys.js';
import { loadPasskeys } from './account-passkeys.js';

const show = (id) => (document.getElementById(id).hidden = false);

async function start() {
  if (!(await resume())) return goToSignIn();
  const me = await api('GET', '/auth/me');
  if (!me.ok) return showError(document.getElementById('notice'), me.body);
  document.getElementById('profile-email').textContent = me.body.email;
  document.getElementById('profile-id').textContent = me.body.id;
  document.getElementById('profile-created').textContent = when(me.body.createdAt);
  document.getElementById('loading').hidden = true;
  ['profile', 'password', 'sessions'].forEach(show);
  await Promise.all([loadSessions(), loadMfa(), loadApiKeys(), loadPasskeys()]);
  document.body.dataset.ready = 'true';
}

onSubmit(document.getElementById('password-form'), async ({ currentPassword, newPassword }) => {
  const error = document.getElementById('password-error');
  clear(error);
  const result = await api('POST', '/auth/password', { currentPassword, newPassword });
  if (!result.ok) return showError(error, result.body);
  await forget();
  goToSignIn(
    'Your password has been changed and every session was signed out. Sign in with the new password.',
  );
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await signOut(false);
  goToSignIn('You are signed out on this device.');
});

document.getElementById('sign-out-all').addEventListener('click', async () => {
  await signOut(true);
  goToSignIn('You are signed out everywhere.');
});

start();
