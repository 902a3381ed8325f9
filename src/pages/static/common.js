// Shared helpers of the pages: JSON calls, error display, busy forms. No dependency, no build.

/** The header the pages' session routes require (CSRF defence, with Origin and SameSite). */
export const PAGES_HEADER = { 'X-Lexigram-Pages': '1' };

/**
 * A JSON call to this origin. Resolves with {ok, status, body} whatever the status; a network
 * failure becomes status 0 with a message, so every caller can show `body.message`.
 */
export async function call(method, path, { body, token, headers } = {}) {
  const init = {
    method,
    headers: { Accept: 'application/json', ...headers },
    credentials: 'same-origin',
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (token) init.headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return {
      ok: false,
      status: 0,
      body: { message: 'The server could not be reached. Check your connection and try again.' },
    };
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { message: `Unexpected answer from the server (HTTP ${response.status}).` };
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

/** Shows the API's `message` (and a 422's `violations`) in an alert region and focuses it. */
export function showError(region, body) {
  region.className = 'alert error';
  region.replaceChildren(document.createTextNode(body?.message ?? 'Something went wrong.'));
  const violations = Array.isArray(body?.violations) ? body.violations : [];
  // The message may already say every rule; list them only when it does not.
  if (violations.some((v) => !region.textContent.includes(v.message))) {
    const list = document.createElement('ul');
    for (const violation of violations) {
      const item = document.createElement('li');
      item.textContent = violation.message;
      list.append(item);
    }
    region.append(list);
  }
  region.hidden = false;
  region.focus();
}

/** A success message in an alert region. */
export function showOk(region, text) {
  region.className = 'alert ok';
  region.textContent = text;
  region.hidden = false;
  region.focus();
}

export function clear(region) {
  region.textContent = '';
  region.hidden = true;
}

/** The form's fields as an object of trimmed strings (passwords untouched). */
export function fieldsOf(form) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    const input = form.elements.namedItem(name);
    values[name] = input?.type === 'password' ? String(value) : String(value).trim();
  }
  return values;
}

/**
 * Runs `work` for a submitted form with its buttons disabled, so a double click sends once;
 * the browser's own checks (required, type=email) run first.
 */
export function onSubmit(form, work) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => (b.disabled = true));
    form.setAttribute('aria-busy', 'true');
    try {
      await work(fieldsOf(form));
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      form.removeAttribute('aria-busy');
    }
  });
}

/** The `?token=` of the page's link, removed from the address bar and history at once. */
export function takeLinkToken() {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search);
  }
  return token;
}

/** A date as the reader's locale shows it. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

export function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'for')
      node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}
