import { clear, element, onSubmit, showError, showOk, when } from './common.js';
import { passkeysOffered, registerPasskey } from './passkeys.js';
import { api } from './session.js';

const section = document.getElementById('passkeys');
const list = document.getElementById('passkeys-list');
const error = document.getElementById('passkeys-error');
const ok = document.getElementById('passkeys-ok');

/** Hidden when the server has no passkeys (404) or the browser has no WebAuthn. */
export async function loadPasskeys() {
  if (!passkeysOffered()) return;
  const result = await api('GET', '/auth/passkeys');
  if (result.status === 404) return;
  section.hidden = false;
  document.getElementById('nav-passkeys').hidden = false;
  if (!result.ok) return showError(error, result.body);
  const passkeys = Array.isArray(result.body) ? result.body : (result.body.passkeys ?? []);
  if (passkeys.length === 0) {
    list.replaceChildren(
      element('li', {}, element('span', { class: 'item-meta' }, 'No passkeys yet.')),
    );
    return;
  }
  list.replaceChildren(...passkeys.map(itemOf));
}

function itemOf(passkey) {
  const rename = element(
    'button',
    { type: 'button', class: 'secondary', 'aria-label': `Rename ${passkey.name}` },
    'Rename',
  );
  const remove = element(
    'button',
    { type: 'button', class: 'danger secondary', 'aria-label': `Delete ${passkey.name}` },
    'Delete',
  );
  const item = element(
    'li',
    { 'data-passkey': passkey.id },
    element(
      'div',
      { class: 'item-main' },
      element('strong', {}, passkey.name),
      passkey.backedUp ? element('span', { class: 'badge' }, ' synced') : null,
      element(
        'span',
        { class: 'item-meta' },
        `Added ${when(passkey.createdAt)} · last used ${when(passkey.lastUsedAt)}`,
      ),
    ),
    element('div', { class: 'actions' }, rename, remove),
  );
  rename.addEventListener('click', () => renameForm(item, passkey));
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    const done = await api('DELETE', `/auth/passkeys/${encodeURIComponent(passkey.id)}`);
    if (!done.ok) {
      remove.disabled = false;
      return showError(error, done.body);
    }
    showOk(ok, `Passkey "${passkey.name}" deleted.`);
    await loadPasskeys();
  });
  return item;
}

function renameForm(item, passkey) {
  const inputId = `rename-${passkey.id}`;
  const form = element(
    'form',
    { method: 'post', class: 'item-main' },
    element('label', { for: inputId }, `New name for ${passkey.name}`),
    element('input', {
      id: inputId,
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 100,
      value: passkey.name,
    }),
    element(
      'div',
      { class: 'actions' },
      element('button', { type: 'submit' }, 'Save'),
      element('button', { type: 'button', class: 'secondary' }, 'Cancel'),
    ),
  );
  form.querySelector('button[type=button]').addEventListener('click', () => loadPasskeys());
  onSubmit(form, async ({ name }) => {
    clear(error);
    const done = await api('PATCH', `/auth/passkeys/${encodeURIComponent(passkey.id)}`, { name });
    if (!done.ok) return showError(error, done.body);
    showOk(ok, `Passkey renamed to "${done.body.name}".`);
    await loadPasskeys();
  });
  item.replaceChildren(form);
  form.querySelector('input').focus();
}

onSubmit(document.getElementById('passkey-add-form'), async ({ name }) => {
  clear(error);
  const result = await registerPasskey(api, name);
  if (!result.ok) return showError(error, result.body);
  document.getElementById('passkey-add-form').reset();
  showOk(ok, `Passkey "${result.body.name}" added.`);
  await loadPasskeys();
});
