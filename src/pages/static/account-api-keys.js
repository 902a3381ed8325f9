import { clear, element, onSubmit, showError, when } from './common.js';
import { api } from './session.js';

const section = document.getElementById('api-keys');
const list = document.getElementById('api-keys-list');
const error = document.getElementById('api-keys-error');
const created = document.getElementById('api-key-created');

export async function loadApiKeys() {
  const result = await api('GET', '/auth/api-keys');
  if (result.status === 404) return; // api_keys.enabled is false
  section.hidden = false;
  if (!result.ok) return showError(error, result.body);
  if (result.body.apiKeys.length === 0) {
    list.replaceChildren(
      element('li', {}, element('span', { class: 'item-meta' }, 'No API keys yet.')),
    );
    return;
  }
  list.replaceChildren(
    ...result.body.apiKeys.map((key) => {
      const revoke = element(
        'button',
        { type: 'button', class: 'danger secondary', 'aria-label': `Revoke ${key.name}` },
        'Revoke',
      );
      revoke.addEventListener('click', async () => {
        revoke.disabled = true;
        const done = await api('DELETE', `/auth/api-keys/${encodeURIComponent(key.id)}`);
        if (!done.ok) {
          revoke.disabled = false;
          return showError(error, done.body);
        }
        created.hidden = true;
        await loadApiKeys();
        document.getElementById('api-keys-heading').focus();
      });
      return element(
        'li',
        { 'data-api-key': key.id },
        element(
          'div',
          { class: 'item-main' },
          element('strong', {}, key.name),
          ' ',
          element('code', {}, `${key.prefix}…`),
          element('span', { class: 'item-meta' }, `Scopes: ${key.scopes.join(', ')}`),
          element(
            'span',
            { class: 'item-meta' },
            `Created ${when(key.createdAt)} · expires ${key.expiresAt ? when(key.expiresAt) : 'never'} · last used ${when(key.lastUsedAt)}`,
          ),
        ),
        revoke,
      );
    }),
  );
  document.getElementById('api-keys-heading').tabIndex = -1;
}

onSubmit(document.getElementById('api-key-form'), async ({ name, scopes, expiresInDays }) => {
  clear(error);
  const body = { name, scopes: scopes.split(/[\s,]+/).filter(Boolean) };
  if (expiresInDays) body.expiresInDays = Number(expiresInDays);
  const result = await api('POST', '/auth/api-keys', body);
  if (!result.ok) return showError(error, result.body);
  document.getElementById('api-key-form').reset();
  document.getElementById('api-key-created-name').textContent = result.body.name;
  document.getElementById('api-key-created-value').textContent = result.body.key;
  created.hidden = false;
  created.focus();
  await loadApiKeys();
});
