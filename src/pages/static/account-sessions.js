import { clear, element, showError, when } from './common.js';
import { api } from './session.js';

const list = document.getElementById('sessions-list');
const error = document.getElementById('sessions-error');

/** A short name for a User-Agent string: enough to tell one's devices apart. */
function deviceOf(userAgent) {
  if (!userAgent) return 'Unknown device';
  const browser = /(Edg|Firefox|Chrome|Chromium|Safari)\/[\d.]+/.exec(userAgent)?.[1] ?? 'Browser';
  const os = /(Windows|Android|iPhone|iPad|Mac OS X|Linux)/.exec(userAgent)?.[1] ?? '';
  return os ? `${browser} on ${os.replace('Mac OS X', 'macOS')}` : browser;
}

export async function loadSessions() {
  const result = await api('GET', '/auth/sessions');
  if (!result.ok) return showError(error, result.body);
  clear(error);
  list.replaceChildren(
    ...result.body.sessions.map((session) => {
      const main = element(
        'div',
        { class: 'item-main' },
        element('strong', {}, deviceOf(session.userAgent)),
        session.current ? element('span', { class: 'badge' }, ' this device') : null,
        element(
          'span',
          { class: 'item-meta' },
          `Signed in ${when(session.createdAt)} · last active ${when(session.lastUsedAt)}`,
        ),
        session.ip ? element('span', { class: 'item-meta' }, `IP ${session.ip}`) : null,
      );
      const item = element('li', { 'data-session': session.id }, main);
      if (!session.current) {
        const end = element(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': `Sign out ${deviceOf(session.userAgent)}, signed in ${when(session.createdAt)}`,
          },
          'Sign out',
        );
        end.addEventListener('click', async () => {
          end.disabled = true;
          const ended = await api('DELETE', `/auth/sessions/${encodeURIComponent(session.id)}`);
          if (!ended.ok) {
            end.disabled = false;
            return showError(error, ended.body);
          }
          await loadSessions();
          document.getElementById('sessions-heading').focus();
        });
        item.append(end);
      }
      return item;
    }),
  );
  document.getElementById('sessions-heading').tabIndex = -1;
}
